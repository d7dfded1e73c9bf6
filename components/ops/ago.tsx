'use client';

import { useServerNow } from '@/components/locks/server-clock';
import { duration } from '@/lib/ops/wording';

/** "12 s ago" for a server time (ms), kept current on the page's shared ticker. */
export function Ago({ at }: { at: number }) {
  const now = useServerNow();
  return <time dateTime={new Date(at).toISOString()}>{duration(Math.max(0, now - at))} ago</time>;
}
