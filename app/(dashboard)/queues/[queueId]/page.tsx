import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueueWorkspace } from '@/components/queue-head/queue-workspace';
import { queueIdInput } from '@/lib/action-inputs';

export const metadata: Metadata = { title: 'Queue' };

export default async function QueuePage({ params }: { params: Promise<{ queueId: string }> }) {
  const { queueId } = await params;
  const parsed = queueIdInput.safeParse(decodeURIComponent(queueId));
  if (!parsed.success) notFound();
  return <QueueWorkspace queueId={parsed.data} />;
}
