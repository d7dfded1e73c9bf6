'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { useResolveQueue } from '@/lib/queries/mutations';

/** Why a ref did not open: the field's own message where the input was refused. */
const refusal = (error: Error) =>
  (error instanceof ActionFailure && error.fieldErrors?.queueId?.join(' ')) || errorMessage(error);

/** Opens any queue by ID, `~name` or `username~name` (resolved on the server to its ID). */
export function OpenQueueForm() {
  const router = useRouter();
  const [ref, setRef] = useState('');
  const resolve = useResolveQueue();
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        resolve.mutate({ queueId: ref.trim() }, { onSuccess: (queue) => router.push(`/queues/${queue.id}`) });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Open a queue by ID or username~name
        <input
          value={ref}
          onChange={(event) => setRef(event.target.value)}
          placeholder="WkzbQMuFYuamGv3YF or jane~my-queue"
          aria-invalid={resolve.error ? true : undefined}
          className="h-9 w-72 rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
      </label>
      <Button type="submit" disabled={resolve.isPending || ref.trim() === ''}>
        {resolve.isPending ? 'Opening…' : 'Open'}
      </Button>
      {resolve.error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {refusal(resolve.error)}
        </p>
      )}
    </form>
  );
}
