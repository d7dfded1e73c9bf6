import type { Metadata } from 'next';
import { NewLabQueueButton } from '@/components/lab/new-lab-queue-button';
import { OpenQueueForm } from '@/components/queues/open-queue-form';
import { QueueList } from '@/components/queues/queue-list';
import { Panel } from '@/components/ui/panel';

export const metadata: Metadata = { title: 'Queues' };

export default function QueuesPage() {
  return (
    <div className="flex flex-col gap-6">
      <QueueList />
      <Panel
        title="Lock lab"
        heading="minor"
        actions={<NewLabQueueButton variant="primary" sizable />}
        description="Show how request locking works: several clients on a fresh queue, their leases on a timeline, simulated crawlers and guided demos."
      />
      <OpenQueueForm />
    </div>
  );
}
