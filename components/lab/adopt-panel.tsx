'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { errorMessage } from '@/lib/queries/action-error';
import { useAdoptLabQueue } from '@/lib/queries/mutations';
import { NewLabQueueButton } from './new-lab-queue-button';

/** The lab refuses a queue it did not make until the user confirms what running clients on it does. */
export function AdoptPanel({ queueId }: { queueId: string }) {
  const adopt = useAdoptLabQueue();
  const [understood, setUnderstood] = useState(false);
  return (
    <Panel title="This queue is not a lab queue" heading="page" roomy className="flex max-w-2xl flex-col gap-3">
      <p className="text-sm">
        The lab made no queue with this ID. Its clients would lock, prolong, unlock and mark requests handled here, each
        with a clientKey of its own: <code>hadMultipleClients</code> turns true for good, and a crawler working on this
        queue would see its requests taken.
      </p>
      <p className="text-sm">A fresh lab queue is the safe way to demo.</p>
      <NewLabQueueButton variant="primary" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />I
        understand: run lab clients on this queue anyway
      </label>
      <div>
        <Button disabled={!understood || adopt.isPending} onClick={() => adopt.mutate({ queueId, confirmed: true })}>
          Use this queue in the lab
        </Button>
      </div>
      {adopt.error && <ErrorAlert>{errorMessage(adopt.error)}</ErrorAlert>}
    </Panel>
  );
}
