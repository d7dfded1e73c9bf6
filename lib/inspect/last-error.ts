import { firstLine } from '../format';

const MAX_LAST_ERROR = 300;

/** The first line of a request's last error message, capped at 300 characters; null when it has none. */
export function lastErrorOf(errorMessages: unknown): string | null {
  if (!Array.isArray(errorMessages) || errorMessages.length === 0) return null;
  return firstLine(String(errorMessages.at(-1)), MAX_LAST_ERROR);
}
