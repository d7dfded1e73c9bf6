'use client';

import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/queries/action-error';
import { useAcknowledgeQueue } from '@/lib/queries/mutations';

/**
 * Every read that sends a clientKey (the head, the lock list, the request list…) registers a client.
 * On a queue with a single client so far, the server refuses those reads until the user accepts this.
 */
export function AcknowledgeNotice({
  queueId,
  clientKey,
  action,
}: {
  queueId: string;
  clientKey: string;
  action: string;
}) {
  const acknowledge = useAcknowledgeQueue();
  return (
    <Notice>
      <p className="font-medium">Reading this queue’s requests registers Headlock as a client of the queue.</p>
      <p className="mt-1">
        The head and request lists are read with clientKey <code>{clientKey}</code>. On this single-client queue that
        turns <code>hadMultipleClients</code> true for good (unless it is that client’s own key), and its crawler then
        stops trusting its local counts. The counts above were read without a key.
      </p>
      <Button
        variant="primary"
        size="sm"
        className="mt-2"
        disabled={acknowledge.isPending}
        onClick={() => acknowledge.mutate({ queueId })}
      >
        {action}
      </Button>
      {acknowledge.error && <ErrorAlert>{errorMessage(acknowledge.error)}</ErrorAlert>}
    </Notice>
  );
}
