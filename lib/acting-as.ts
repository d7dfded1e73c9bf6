import type { ActingAs } from './types';

/** The clientKey borrowed on this queue, where the session acts as another client there; else null. */
export const borrowedKeyOn = (actingAs: ActingAs | null | undefined, queueId: string): string | null =>
  actingAs?.queueId === queueId ? actingAs.clientKey : null;

/**
 * The clientKey calls on this queue send: the borrowed one where the session acts as another client
 * there, else its own. The gateway sends it and the pages judge "yours" by it, so both use this.
 */
export const clientKeyOn = (session: { clientKey: string; actingAs?: ActingAs | null }, queueId: string): string =>
  borrowedKeyOn(session.actingAs, queueId) ?? session.clientKey;
