import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RequestDetailView } from '@/components/requests/request-detail';
import { queueIdInput, requestIdInput } from '@/lib/action-inputs';

export const metadata: Metadata = { title: 'Request' };

export default async function RequestPage({ params }: { params: Promise<{ queueId: string; requestId: string }> }) {
  const { queueId, requestId } = await params;
  const queue = queueIdInput.safeParse(decodeURIComponent(queueId));
  const request = requestIdInput.safeParse(decodeURIComponent(requestId));
  if (!queue.success || !request.success) notFound();
  return <RequestDetailView queueId={queue.data} requestId={request.data} />;
}
