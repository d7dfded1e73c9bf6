import { describe, expect, it } from 'vitest';
import { endingText, landingReason } from './describe';
import type { LockRow } from './lock-book';

const row = (end: LockRow['end'], returnsTo: LockRow['returnsTo'] = null): LockRow => ({
  key: 'a@0',
  id: 'a',
  url: 'https://x.test/a',
  holder: 'me',
  lockExpiresAt: '2026-11-27T10:00:00.000Z',
  totalMs: 60_000,
  since: 0,
  returnsTo,
  end,
});

describe('what happened to a lock, in words', () => {
  it.each([
    [
      { cause: 'expired', at: 0, landing: { kind: 'head', position: 3, waiting: 12 } },
      'Expired: back in the head at #3 of 12',
    ],
    [{ cause: 'expired', at: 0, landing: { kind: 'taken', by: 'bob' } }, 'Expired: then taken by bob'],
    [
      { cause: 'unlocked', at: 0, landing: { kind: 'head', position: 1431, waiting: null } },
      'Unlocked by you, to the end: back in the head at #1,431',
    ],
    [{ cause: 'handled', at: 0, landing: { kind: 'handled' } }, 'Marked handled by you: it leaves the head for good'],
    [
      { cause: 'released', at: 0, landing: { kind: 'not-waiting', searched: 7, complete: true } },
      'Ended before its expiry (released or handled by its holder): no longer waiting: handled or deleted',
    ],
    [
      { cause: 'expired', at: 0, landing: { kind: 'beyond', shown: 100 } },
      'Expired: back in the queue, behind the first 100 shown: locating…',
    ],
    [null, 'Expired: checking where it went…'],
  ] as const)('%j → %s', (end, text) => {
    expect(endingText(row(end as LockRow['end']))).toBe(text);
  });

  it('says why a request landed where it did', () => {
    const landed = { kind: 'head', position: 1, waiting: 5 } as const;
    expect(landingReason(row({ cause: 'unlocked-front', at: 0, landing: landed }))).toMatch(/before every waiting one/);
    expect(landingReason(row({ cause: 'expired', at: 0, landing: landed }, 'front'))).toBe(
      'Prolonged with forefront, so it came back at the front.',
    );
    expect(landingReason(row({ cause: 'expired', at: 0, landing: { kind: 'taken', by: 'bob' } }))).toBeNull();
  });
});
