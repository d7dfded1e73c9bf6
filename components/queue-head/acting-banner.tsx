'use client';

import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/queries/action-error';
import { useStopActing } from '@/lib/queries/mutations';

/** Shown on the one queue where this session acts as another client. */
export function ActingBanner({ actingAs, ownKey }: { actingAs: string; ownKey: string }) {
  const stop = useStopActing();
  return (
    <section
      aria-label="Acting as another client"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <p className="font-medium">
        Acting as <code>{actingAs}</code> on this queue
      </p>
      <p className="text-xs">
        Its locks show as yours and every call here sends its key. Other queues use your own key, <code>{ownKey}</code>.
        Leaving this queue stops acting.
      </p>
      <Button size="sm" className="ml-auto" disabled={stop.isPending} onClick={() => stop.mutate()}>
        Stop
      </Button>
      {stop.error && <ErrorAlert>{errorMessage(stop.error)}</ErrorAlert>}
    </section>
  );
}
