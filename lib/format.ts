// Formatting shared by the pages; pure functions, safe on server and client.

export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  const abs = Math.abs(seconds);
  const suffix = seconds >= 0 ? 'ago' : 'from now';
  if (abs < 5) return 'just now';
  if (abs < 60) return `${abs} s ${suffix}`;
  if (abs < 3600) return `${Math.floor(abs / 60)} min ${suffix}`;
  if (abs < 86_400) return `${Math.floor(abs / 3600)} h ${suffix}`;
  return `${Math.floor(abs / 86_400)} d ${suffix}`;
}

export const formatDateTime = (iso: string) => `${new Date(iso).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** The time of day in UTC to the millisecond, for a log: `14:03:07.250`. */
export const formatTimeOfDay = (iso: string) => new Date(iso).toISOString().slice(11, 23);

export const formatCount = (value: number) => value.toLocaleString('en-US');

/** "1 lock", "1,000 locks". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Seconds left, one decimal under 10 s. */
export function formatSecondsLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.ceil(seconds)} s`;
}

/** The first line of a message (any line break), trimmed and cut to `max` characters with "…". */
export function firstLine(message: string, max: number): string {
  const line = message.split(/\r\n|\n|\r/, 1)[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
