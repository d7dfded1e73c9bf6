'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { getQueueAction } from '@/lib/actions/queues';

/** Opens any queue by ID, `~name` or `username~name` (resolved on the server to its ID). */
export function OpenQueueForm() {
  const router = useRouter();
  const [ref, setRef] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        const result = await getQueueAction({ queueId: ref.trim() });
        setBusy(false);
        if (result.ok) router.push(`/queues/${result.data.id}`);
        else setError(result.error.fieldErrors?.queueId?.join(' ') ?? result.error.message);
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Open a queue by ID or username~name
        <input
          value={ref}
          onChange={(event) => setRef(event.target.value)}
          placeholder="WkzbQMuFYuamGv3YF or jane~my-queue"
          aria-invalid={error ? true : undefined}
          className="h-9 w-72 rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
      </label>
      <Button type="submit" disabled={busy || ref.trim() === ''}>
        {busy ? 'Opening…' : 'Open'}
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
