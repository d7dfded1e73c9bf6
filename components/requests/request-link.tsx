import Link from 'next/link';

/** A request's ID, linking to its page. */
export function RequestLink({ queueId, requestId }: { queueId: string; requestId: string }) {
  return (
    <Link
      href={`/queues/${queueId}/requests/${requestId}`}
      className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
    >
      {requestId}
    </Link>
  );
}
