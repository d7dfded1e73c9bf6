// The API log's "Copy as curl": a call as a shell command. Pure, so it is tested on its own.

/** One shell word: single-quoted, each `'` written as `'\''` (close, escaped quote, reopen). */
export const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export interface CurlCall {
  method: string;
  /** The target's base URL, e.g. `http://127.0.0.1:3000/emulator`. */
  baseUrl: string;
  /** From the base URL on, e.g. `/v2/request-queues/ID/head?limit=100`. */
  path: string;
  /** JSON text sent as the body, or null. */
  body: string | null;
}

/**
 * The call as one curl command. The token is never in it: the Authorization header names the shell
 * variable `$APIFY_TOKEN`, in double quotes so that the shell expands it.
 */
export function curlCommand({ method, baseUrl, path, body }: CurlCall): string {
  const words = ['curl'];
  if (method !== 'GET' || body !== null) words.push('-X', method);
  words.push(shellQuote(`${baseUrl}${path}`), '-H', '"Authorization: Bearer $APIFY_TOKEN"');
  if (body !== null) words.push('-H', shellQuote('Content-Type: application/json'), '--data-raw', shellQuote(body));
  return words.join(' ');
}
