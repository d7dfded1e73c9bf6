import type { TargetName } from '@/lib/types';

/** What every requests table needs from its page. */
export interface TableContext {
  queueId: string;
  /** The clientKey reads of this queue send (for the acknowledgement notice). */
  clientKey: string;
  target: TargetName;
  /** Why writes are off, or null when they are armed. */
  writeBlock: string | null;
}
