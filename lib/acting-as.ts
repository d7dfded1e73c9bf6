import type { ActingAs } from './types';

/** The clientKey borrowed on this queue, where the session acts as another client there; else null. */
export const borrowedKeyOn = (actingAs: ActingAs | null | undefined, queueId: string): string | null =>
  actingAs?.queueId === queueId ? actingAs.clientKey : null;
