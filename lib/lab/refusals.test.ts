import { describe, expect, it } from 'vitest';
import { lockConflict, lockExpired, rateLimited } from './log.test-support';
import { lockRefusal, lostTheLock } from './refusals';

describe('lock refusals', () => {
  it('tells a lock held by another, an expired lock and a handled request from other refusals', () => {
    const handled = { code: 'invalid-input' as const, message: 'Request x is not locked: it is already handled' };
    const invalid = { code: 'invalid-input' as const, message: 'The API refused the call: lockSecs must be a number' };
    expect([lockConflict, lockExpired, handled, invalid, rateLimited].map(lockRefusal)).toEqual([
      'held-by-another',
      'expired',
      'already-handled',
      null,
      null,
    ]);
    expect(
      [lockConflict, lockExpired, { code: 'not-found' as const, message: '' }, rateLimited].map(lostTheLock),
    ).toEqual([true, true, true, false]);
  });
});
