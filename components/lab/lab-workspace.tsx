'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/queries/action-error';
import { labQueueQuery } from '@/lib/queries/options';
import { AdoptPanel } from './adopt-panel';
import { LockLab } from './lock-lab';

/** The lab page of one queue: the lab itself when the queue is a lab queue, else the way to make it one. */
export default function LabWorkspace({ queueId }: { queueId: string }) {
  const lab = useQuery(labQueueQuery(queueId));
  if (lab.isPending) return <Skeleton className="h-96" />;
  if (lab.error) return <ErrorAlert title="The lab cannot open this queue">{errorMessage(lab.error)}</ErrorAlert>;
  if (!lab.data) return <AdoptPanel queueId={queueId} />;
  return <LockLab lab={lab.data} />;
}
