// Small wording helpers for the lab's captions.

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "three", "12". */
export const numberWord = (n: number) => NUMBER_WORDS[n] ?? String(n);

/** "5 s", "1.5 s". */
export const secondsText = (seconds: number) => `${Number(seconds.toFixed(1))} s`;

/** "r1, r2, r3"; past `max`, "r1, r2, r3, r4, r5 and 3 more". */
export function listText(labels: string[], max = 6): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max - 1).join(', ')} and ${labels.length - max + 1} more`;
}

/** Like listText, but runs of three or more numbered labels are written as a range: "r1–r3, r7". */
export function rangeText(labels: string[]): string {
  const parts: string[] = [];
  let run: { prefix: string; first: number; last: number; labels: string[] } | null = null;
  const flush = () => {
    if (!run) return;
    parts.push(run.labels.length >= 3 ? `${run.prefix}${run.first}–${run.prefix}${run.last}` : run.labels.join(', '));
    run = null;
  };
  for (const label of labels) {
    const match = /^(.*?)(\d+)$/.exec(label);
    const prefix = match?.[1] ?? '';
    const number = match ? Number(match[2]) : Number.NaN;
    if (run && match && run.prefix === prefix && number === run.last + 1) {
      run.last = number;
      run.labels.push(label);
      continue;
    }
    flush();
    if (match) run = { prefix, first: number, last: number, labels: [label] };
    else parts.push(label);
  }
  flush();
  return listText(parts);
}

/** "#3 of 12", with "first" or "last" when it is. */
export function placeText(position: number, of: number): string {
  if (position === 1) return `first (#1 of ${of})`;
  if (position === of) return `last (#${position} of ${of})`;
  return `#${position} of ${of}`;
}
