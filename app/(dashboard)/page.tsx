import type { Metadata } from 'next';
import { OpenQueueForm } from '@/components/queues/open-queue-form';
import { QueueList } from '@/components/queues/queue-list';

export const metadata: Metadata = { title: 'Queues' };

export default function QueuesPage() {
  return (
    <div className="flex flex-col gap-6">
      <QueueList />
      <OpenQueueForm />
    </div>
  );
}
