/** A labelled progress bar in the app's amber, the same in every browser. */
export function ProgressBar({
  label,
  value,
  max,
  className = '',
}: {
  label: string;
  /** Undefined: indeterminate. */
  value: number | undefined;
  max: number;
  className?: string;
}) {
  return (
    <progress
      aria-label={label}
      value={value}
      max={max}
      className={`h-2 appearance-none overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700 [&::-moz-progress-bar]:bg-amber-500 [&::-webkit-progress-bar]:bg-zinc-200 dark:[&::-webkit-progress-bar]:bg-zinc-700 [&::-webkit-progress-value]:bg-amber-500 ${className}`}
    />
  );
}
