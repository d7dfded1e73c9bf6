import type { OpsSettings, Verdict } from '@/lib/ops/history';
import { describeVerdict } from '@/lib/ops/wording';
import { clockTime } from './clock-time';

const TONE_LOOK = {
  problem: 'border-red-300 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100',
  warning: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100',
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100',
} as const;
const TONE_WORD = { problem: 'Problem', warning: 'Warning', ok: 'OK' } as const;

/** The findings, most urgent first, each with its evidence and its fix. */
export function VerdictList({ verdicts, settings }: { verdicts: Verdict[]; settings: OpsSettings }) {
  return (
    <section aria-label="Verdicts">
      {verdicts.length === 0 ? (
        <p className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
          No findings: requests are being handled and nothing looks stuck.
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {verdicts.map((verdict) => {
            const text = describeVerdict(verdict, clockTime, settings);
            return (
              <li key={verdict.kind} className={`rounded-md border px-3 py-2 text-sm ${TONE_LOOK[text.tone]}`}>
                <p className="font-semibold">
                  <span className="sr-only">{TONE_WORD[text.tone]}: </span>
                  {text.headline}
                </p>
                {text.evidence.length > 0 && (
                  <ul className="mt-1 list-disc pl-5">
                    {text.evidence.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
                {text.fix && (
                  <p className="mt-1">
                    <span className="font-medium">Fix: </span>
                    {text.fix}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
