/** A server time (ms) as the browser's local wall-clock time, e.g. 10:46:47. */
export const clockTime = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
