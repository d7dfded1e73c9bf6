import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import LabWorkspace from '@/components/lab/lab-workspace';
import { queueIdInput } from '@/lib/action-inputs';

export const metadata: Metadata = { title: 'Lock lab' };

export default async function LabPage({ params }: { params: Promise<{ queueId: string }> }) {
  const { queueId } = await params;
  const parsed = queueIdInput.safeParse(decodeURIComponent(queueId));
  if (!parsed.success) notFound();
  return <LabWorkspace queueId={parsed.data} />;
}
