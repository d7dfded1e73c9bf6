import { formatCount } from '@/lib/format';

const WIDTH = 160;
const HEIGHT = 36;

/** A small hand-drawn line chart of one series, described in words for screen readers. */
export function Sparkline({ label, values }: { label: string; values: number[] }) {
  const latest = values.at(-1);
  const max = Math.max(0, ...values);
  const min = Math.min(...values, max);
  const summary =
    latest === undefined
      ? `${label}: nothing recorded yet`
      : `${label}: ${formatCount(round(latest))} now, between ${formatCount(round(min))} and ${formatCount(round(max))} over the window`;
  const span = max - min || 1;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const points = values
    .map((value, i) => `${(i * step).toFixed(1)},${(HEIGHT - 2 - ((value - min) / span) * (HEIGHT - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <figure className="flex flex-col gap-0.5">
      <figcaption className="flex items-baseline justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-300">
        <span>{label}</span>
        <span className="font-mono text-sm text-zinc-900 tabular-nums dark:text-zinc-100">
          {latest === undefined ? '–' : formatCount(round(latest))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-9 w-full text-amber-600 dark:text-amber-400"
        role="img"
        aria-label={summary}
      >
        <line x1="0" x2={WIDTH} y1={HEIGHT - 1} y2={HEIGHT - 1} className="stroke-zinc-200 dark:stroke-zinc-700" />
        {values.length > 1 && (
          <polyline
            points={points}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        )}
        {values.length === 1 && <circle cx={WIDTH / 2} cy={HEIGHT / 2} r="2" fill="currentColor" />}
      </svg>
    </figure>
  );
}

const round = (value: number) => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
