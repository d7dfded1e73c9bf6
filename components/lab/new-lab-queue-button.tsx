'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { MAX_LAB_REQUESTS } from '@/lib/lab/inputs';
import type { NewLabQueueOptions } from '@/lib/lab/types';
import { errorMessage } from '@/lib/queries/action-error';
import { useCreateLabQueue } from '@/lib/queries/mutations';
import { sessionQuery } from '@/lib/queries/options';

const DEFAULT_QUEUE: NewLabQueueOptions = { requests: 20, forefront: 3, handled: 2 };

/** Where a lab opens: its queue, with the demo to play and the presenter's choice kept. */
const labHref = (queueId: string, params: Record<string, string> = {}) => {
  const query = new URLSearchParams(params).toString();
  return `/queues/${encodeURIComponent(queueId)}/lab${query ? `?${query}` : ''}`;
};

interface NewLabQueueButtonProps {
  /** What to make (default: 20 requests, 3 at the front, 2 handled). */
  queue?: NewLabQueueOptions;
  /** The lab page's parameters for the new queue (demo, present). */
  open?: Record<string, string>;
  label?: string;
  variant?: 'primary' | 'secondary';
  /** Offers the number of requests to make. */
  sizable?: boolean;
  size?: 'sm' | 'md';
}

/**
 * Makes a fresh queue for the lab and opens it: one click on the emulator; on Apify it needs armed
 * writes and a confirmation, since it adds a queue to the user's account.
 */
export function NewLabQueueButton({
  queue = DEFAULT_QUEUE,
  open = {},
  label = 'New lab queue',
  variant = 'secondary',
  sizable = false,
  size = 'md',
}: NewLabQueueButtonProps) {
  const [requests, setRequests] = useState(queue.requests);
  const router = useRouter();
  const { data: session } = useQuery(sessionQuery());
  const create = useCreateLabQueue();
  const [confirming, setConfirming] = useState(false);
  const onApify = session?.target === 'apify';
  const refused = session && !session.writesArmed ? 'Arm writes first: this creates a queue.' : null;

  const run = () =>
    create.mutate(
      { ...queue, requests, confirmed: onApify },
      {
        onSuccess: (lab) => {
          setConfirming(false);
          router.push(labHref(lab.queueId, open));
        },
      },
    );

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant={variant}
        size={size}
        disabled={create.isPending || refused !== null}
        title={refused ?? undefined}
        onClick={() => (onApify ? setConfirming(true) : run())}
      >
        {create.isPending ? 'Creating…' : label}
      </Button>
      {sizable && (
        <label className="flex items-center gap-1 text-sm">
          requests
          <input
            type="number"
            min={queue.forefront + queue.handled + 1}
            max={MAX_LAB_REQUESTS}
            value={requests}
            onChange={(event) => setRequests(Number(event.target.value))}
            className="h-9 w-20 rounded border border-zinc-300 bg-white px-2 text-right tabular-nums dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
      )}
      {refused && sizable && <span className="text-xs text-zinc-500 dark:text-zinc-400">{refused}</span>}
      {confirming && (
        <div role="alertdialog" aria-label="Create a lab queue on Apify" className="flex items-center gap-2 text-sm">
          <span>This creates a queue named lab-… with {requests} requests on your Apify account.</span>
          <Button size="sm" variant="primary" onClick={run} disabled={create.isPending}>
            Create it
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      )}
      {create.error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {errorMessage(create.error)}
        </span>
      )}
    </div>
  );
}
