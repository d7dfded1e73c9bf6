import { describe, expect, it } from 'vitest';
import type { ExpiredLanding, OpsEvent, OpsSettings, Verdict } from './history';
import { at, clock } from './history.test-support';
import { describeEvent, describeVerdict, duration } from './wording';

const settings: OpsSettings = { silentAfterSecs: 60, poisonAt: 3 };
const words = (verdict: Verdict) => describeVerdict(verdict, clock, settings);

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [45_400, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [3 * 60_000 + 59_000, '3 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [26 * 3_600_000 + 60_000, '26 h 1 min'],
    [-5_000, '0 s'],
  ])('%i ms → %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

describe('describeVerdict', () => {
  const allLocked: Verdict = {
    kind: 'all-pending-locked',
    pending: 75,
    locks: 75,
    locksTruncated: false,
    holders: 4,
    silentHolders: ['crawler-b'],
    firstFreeAt: at(2807),
  };

  it('all pending locked, a holder silent: a problem, wait or release', () => {
    expect(words(allLocked)).toEqual({
      tone: 'problem',
      headline: 'All 75 pending requests are locked, by 4 clients; the first lock frees at 10:46:47',
      evidence: [
        'The head is empty: no request waits to be taken',
        '75 locks held',
        'Silent (no action seen for 1 min or more): crawler-b',
      ],
      fix: "Wait for the locks to expire, or release the silent holders' locks below.",
    });
  });

  it('all pending locked, nobody silent: a warning, to wait; a cut-short list says "at least"', () => {
    const text = words({ ...allLocked, silentHolders: [], locksTruncated: true, locks: 1000, pending: 1200 });
    expect(text.tone).toBe('warning');
    expect(text.headline).toBe('All 1,200 pending requests are locked, by 4 clients; the first lock frees at 10:46:47');
    expect(text.evidence).toEqual([
      'The head is empty: no request waits to be taken',
      'At least 1,000 locks held (the lock list was cut short)',
      'No holder is silent',
    ]);
    expect(text.fix).toMatch(/^Wait: /);
  });

  it('all pending locked: one request, one client, or clients without clientKey', () => {
    expect(words({ ...allLocked, pending: 1, locks: 1, holders: 1 }).headline).toBe(
      'The one pending request is locked, by 1 client; the first lock frees at 10:46:47',
    );
    expect(words({ ...allLocked, holders: 0, silentHolders: [] }).headline).toMatch(/, by clients without clientKey;/);
  });

  it('locks held, head empty, every holder silent: a problem, release them', () => {
    expect(
      words({ kind: 'locks-head-empty', locks: 50, holders: ['crawler-a', 'crawler-b'], lastFreeAt: at(2760) }),
    ).toEqual({
      tone: 'problem',
      headline: 'Locks held, head empty: crawlers will wait until 10:46:00',
      evidence: ['50 locks held by silent crawler-a and crawler-b (no action seen for 1 min or more)'],
      fix: "Nobody is working on these requests: release the silent holders' locks below so the crawlers can take them now.",
    });
  });

  describe('stall', () => {
    const stall: Verdict = {
      kind: 'stall',
      since: at(2580),
      forMs: 180_000,
      pending: 40,
      locks: 10,
      silentHolders: ['crawler-b'],
      silentLocks: 10,
    };

    it('every lock held by silent holders', () => {
      expect(words(stall)).toEqual({
        tone: 'problem',
        headline: 'No request handled for 3 min while 10 locks are held by silent crawler-b',
        evidence: [
          '40 requests pending',
          'Nothing handled since 10:43:00',
          'Silent (no action seen for 1 min or more): crawler-b',
        ],
        fix: "Release the silent holders' locks below so other crawlers can take them; a hung request handler needs a timeout (Crawlee: requestHandlerTimeoutSecs).",
      });
    });

    it.each([
      [
        'some locks held by silent holders',
        { locks: 35, silentLocks: 10, silentHolders: ['b', 'c'] },
        'No request handled for 3 min; 10 of 35 locks held by silent b and c',
        /^Release the silent holders' locks/,
      ],
      [
        'no silent holder',
        { locks: 1, silentLocks: 0, silentHolders: [] },
        'No request handled for 3 min while 1 lock is held',
        /handle nothing: a hung request handler needs a timeout \(Crawlee: requestHandlerTimeoutSecs\)\.$/,
      ],
      [
        'no lock at all',
        { locks: 0, silentLocks: 0, silentHolders: [] },
        'No request handled for 3 min while no client holds a lock: is any crawler running?',
        /^Start a crawler on this queue/,
      ],
    ])('%s', (_, change, headline, fix) => {
      const text = words({ ...stall, ...change } as Verdict);
      expect(text.tone).toBe('problem');
      expect(text.headline).toBe(headline);
      expect(text.fix).toMatch(fix);
    });

    it('five silent holders or more: three named, the rest counted', () => {
      const holders = ['a', 'b', 'c', 'd', 'e'];
      expect(words({ ...stall, silentHolders: holders }).headline).toMatch(/by silent a, b, c and 2 more$/);
    });
  });

  describe('poison', () => {
    const request = (id: string, retryCount: number, lastError: string | null) => ({
      id,
      url: `https://x.test/${id}`,
      retryCount,
      lastError,
    });

    it('names the latest error and lists the requests: a warning', () => {
      const poison: Verdict = {
        kind: 'poison',
        threshold: 3,
        count: 3,
        requests: [request('a', 5, 'HTTP 503\n    at handler (main.js:10)'), request('b', 3, null)],
        latestError: 'HTTP 503\n    at handler (main.js:10)',
      };
      expect(words(poison)).toEqual({
        tone: 'warning',
        headline: '3 requests have been retried 3× or more; latest error: HTTP 503',
        evidence: ['https://x.test/a (a): retried 5×, HTTP 503', 'https://x.test/b (b): retried 3×', 'and 1 more'],
        fix: 'Look at the requests: fix the request handler, or mark them handled or delete them.',
      });
    });

    it('one request, no error message known', () => {
      const text = words({
        kind: 'poison',
        threshold: 2,
        count: 1,
        requests: [request('a', 2, null)],
        latestError: null,
      });
      expect(text.headline).toBe('1 request has been retried 2× or more');
      expect(text.fix).toBe('Look at the request: fix the request handler, or mark it handled or delete it.');
    });
  });

  it('finished: ok, nothing to do', () => {
    expect(words({ kind: 'finished' })).toEqual({
      tone: 'ok',
      headline: 'Finished: nothing pending, no locks',
      evidence: [],
      fix: null,
    });
  });

  it('silentAfter is worded from the settings', () => {
    const text = describeVerdict({ kind: 'locks-head-empty', locks: 1, holders: ['a'], lastFreeAt: at(0) }, clock, {
      ...settings,
      silentAfterSecs: 300,
    });
    expect(text.evidence).toEqual(['1 lock held by silent a (no action seen for 5 min or more)']);
  });
});

describe('describeEvent', () => {
  const head = (id: string, position: number): ExpiredLanding => ({ id, to: 'head', position });
  it.each<[OpsEvent, string]>([
    [{ at: 0, kind: 'taken', holder: 'crawler-a', count: 25 }, 'crawler-a locked 25'],
    [{ at: 0, kind: 'taken', holder: null, count: 1 }, 'a client without clientKey locked 1'],
    [{ at: 0, kind: 'prolonged', holder: 'crawler-a', count: 3 }, 'crawler-a prolonged 3'],
    [{ at: 0, kind: 'released', holder: 'crawler-b', count: 2 }, 'crawler-b released 2'],
    [{ at: 0, kind: 'handled', holder: 'crawler-a', count: 5 }, 'crawler-a handled 5'],
    [{ at: 0, kind: 'handled', holder: null, count: 1500 }, '1,500 handled (holder not seen)'],
    [
      {
        at: 0,
        kind: 'expired',
        holder: 'crawler-c',
        count: 4,
        went: [
          head('a', 3),
          head('b', 1),
          { id: 'c', to: 'taken', by: 'crawler-a' },
          { id: 'd', to: 'taken', by: 'crawler-a' },
        ],
      },
      '4 locks of crawler-c expired: 2 back in the head (first at #1), 2 taken by crawler-a',
    ],
    [
      {
        at: 0,
        kind: 'expired',
        holder: 'crawler-c',
        count: 12,
        went: [
          ...Array.from({ length: 8 }, (_, i) => head(`h${i}`, i + 1)),
          { id: 'x', to: 'taken', by: null },
          { id: 'y', to: 'not-seen' },
        ],
      },
      '12 locks of crawler-c expired; of the first 10: 8 back in the head (first at #1), 1 taken by a client without clientKey, 1 not seen (handled, deleted or further back in the head)',
    ],
    [
      { at: 0, kind: 'expired', holder: null, count: 1, went: [head('a', 7)] },
      '1 lock of a client without clientKey expired: 1 back in the head at #7',
    ],
    [{ at: 0, kind: 'shared' }, 'hadMultipleClients turned true: a second client used this queue'],
  ])('%j → %s', (event, text) => {
    expect(describeEvent(event)).toBe(text);
  });
});
