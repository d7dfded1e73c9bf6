const MAX_LAST_ERROR = 300;

/** The first line of a request's last error message, capped at 300 characters; null when it has none. */
export function lastErrorOf(errorMessages: unknown): string | null {
  if (!Array.isArray(errorMessages) || errorMessages.length === 0) return null;
  const last = String(errorMessages[errorMessages.length - 1]);
  return (last.split(/\r\n|\n|\r/, 1)[0] ?? '').slice(0, MAX_LAST_ERROR);
}
