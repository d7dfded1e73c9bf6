'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useStopActing } from '@/lib/queries/mutations';
import { sessionQuery } from '@/lib/queries/options';

/** Acting as another client ends when the user leaves that queue's pages. */
export function ActingAsWatcher() {
  const pathname = usePathname();
  const actingAs = useQuery(sessionQuery()).data?.actingAs ?? null;
  const { mutate: stop, isPending } = useStopActing();
  const queuePath = actingAs ? `/queues/${actingAs.queueId}` : null;
  const left = queuePath !== null && pathname !== queuePath && !pathname.startsWith(`${queuePath}/`);

  useEffect(() => {
    if (left && !isPending) stop();
  }, [left, isPending, stop]);
  return null;
}
