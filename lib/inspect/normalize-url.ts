// Crawlee's default uniqueKey is the URL normalized as @apify/utilities' `normalizeUrl` does it
// (the same steps, written here): a URL typed with utm_ parameters, another parameter order, an
// upper-case host or a trailing slash still leads to the request Crawlee added.

/** The URL as Crawlee would key it; null when the text is not a URL. `keepFragment` keeps `#…`. */
export function normalizeUrl(text: string, { keepFragment = false } = {}): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const params = url.searchParams;
  for (const name of [...params.keys()]) if (name.startsWith('utm_')) params.delete(name);
  params.sort();
  const query = params.toString();
  const path = url.pathname.replace(/\/$/, '');
  const search = query ? `?${query}` : '';
  const hash = keepFragment ? url.hash : '';
  return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${path}${search}${hash}`;
}
