/** Untrusted URLs: a link only for http(s), otherwise inert text; always capped in length. */
export function SafeUrl({ url, max = 120 }: { url: string; max?: number }) {
  const shown = url.length > max ? `${url.slice(0, max)}…` : url;
  let linkable = false;
  try {
    linkable = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    linkable = false;
  }
  if (!linkable) return <span className="break-all">{shown}</span>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="break-all text-sky-700 hover:underline dark:text-sky-400"
    >
      {shown}
    </a>
  );
}
