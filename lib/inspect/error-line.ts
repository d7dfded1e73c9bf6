/** The longest last-error line kept per request. */
export const MAX_ERROR_LINE = 300;

/** The first line of the last error message, capped; null when there is none. */
export function lastErrorLine(messages: readonly string[]): string | null {
  const last = messages.at(-1);
  if (last === undefined) return null;
  const line = last.split('\n', 1)[0]?.trim() ?? '';
  return line.length > MAX_ERROR_LINE ? `${line.slice(0, MAX_ERROR_LINE - 1)}…` : line;
}
