import { describe, expect, it } from 'vitest';
import { type Holder, type HolderStatus, OBSERVATION_GAP_MS, type OpsSettings, type Sample } from './history';
import { at, lock, QueueScript, sample, snap } from './history.test-support';
import { holdersOf } from './holders';
import { verdictsOf } from './verdicts';

const settings: OpsSettings = { silentAfterSecs: 60, poisonAt: 3 };
const holder = (clientKey: string, status: HolderStatus, locks = 1): Holder => ({
  clientKey,
  locks,
  earliestExpiry: 0,
  latestExpiry: 0,
  lastActedAt: null,
  status,
});
const kinds = (history: Sample[], holders: Holder[], given = settings) =>
  verdictsOf(history, holders, given).map((verdict) => verdict.kind);

/** The latest sample: head empty, 3 pending, all locked (a by ann, b by bob, c by no one), expiring 30..90 s. */
const allLocked = sample({
  at: at(10),
  pending: 3,
  headCount: 0,
  locks: [lock('a', 'ann', 60), lock('b', 'bob', 90), lock('c', null, 30)],
});

describe('verdictsOf', () => {
  it('an empty history has no verdicts', () => {
    expect(verdictsOf([], [], settings)).toEqual([]);
  });

  it('head empty, all pending locked, a holder still active or unknown: all-pending-locked with its evidence', () => {
    const holders = [holder('ann', 'silent'), holder('bob', 'unknown')];
    expect(verdictsOf([allLocked], holders, settings)).toEqual([
      {
        kind: 'all-pending-locked',
        pending: 3,
        locks: 3,
        locksTruncated: false,
        holders: 2,
        silentHolders: ['ann'],
        firstFreeAt: at(30),
      },
    ]);
    const cutShort = { ...allLocked, locksTruncated: true };
    expect(verdictsOf([cutShort], [holder('ann', 'active')], settings)[0]).toMatchObject({ locksTruncated: true });
  });

  it('locks naming no holder cannot be judged silent: all-pending-locked', () => {
    const anonymous = { ...allLocked, locks: [lock('c', null, 30)] };
    expect(verdictsOf([anonymous], [], settings)).toEqual([
      expect.objectContaining({ kind: 'all-pending-locked', holders: 0, silentHolders: [] }),
    ]);
  });

  it('head empty and every holder silent: locks-head-empty until the last lock frees, not all-pending-locked', () => {
    const holders = [holder('ann', 'silent'), holder('bob', 'silent')];
    expect(verdictsOf([allLocked], holders, settings)).toEqual([
      { kind: 'locks-head-empty', locks: 3, holders: ['ann', 'bob'], lastFreeAt: at(90) },
    ]);
  });

  it.each([
    ['a request waits in the head', { headCount: 1, head: ['d'] }],
    ['nothing pending', { pending: 0 }],
    ['no lock held', { locks: [] }],
  ])('no head-empty verdict when %s', (_, change) => {
    expect(kinds([{ ...allLocked, ...change }], [holder('ann', 'silent')])).not.toContain('locks-head-empty');
    expect(kinds([{ ...allLocked, ...change }], [holder('ann', 'active')])).not.toContain('all-pending-locked');
  });

  describe('stall', () => {
    /** Handled rises until `lastRise` s, samples every 5 s up to `end` s, 4 pending. */
    const run = (lastRise: number, end: number) =>
      Array.from({ length: end / 5 + 1 }, (_, i) =>
        sample({
          at: at(i * 5),
          pending: 4,
          handled: Math.min(i * 5, lastRise),
          head: ['b', 'c', 'd'],
          locks: [lock('a', 'ann', 900)],
        }),
      );

    it('nothing handled for exactly silentAfter: stall since the last rise, with the silent holders’ locks', () => {
      const holders = [holder('ann', 'silent', 7), holder('bob', 'active', 2), holder('cat', 'silent', 1)];
      expect(verdictsOf(run(20, 80), holders, settings)).toEqual([
        {
          kind: 'stall',
          since: at(20),
          forMs: 60_000,
          pending: 4,
          locks: 1,
          silentHolders: ['ann', 'cat'],
          silentLocks: 8,
        },
      ]);
    });

    it('handled rose less than silentAfter ago: no stall', () => {
      expect(kinds(run(25, 80), [])).toEqual([]);
      expect(kinds(run(25, 80), [], { ...settings, silentAfterSecs: 55 })).toEqual(['stall']);
    });

    it('never rose: stall since the run began, once the run is silentAfter long', () => {
      expect(verdictsOf(run(0, 60), [], settings)).toEqual([expect.objectContaining({ since: at(0), forMs: 60_000 })]);
      expect(kinds(run(0, 55), [])).toEqual([]);
    });

    it('a gap breaks the run: nothing handled before it does not count', () => {
      const gap = OBSERVATION_GAP_MS / 1000 + 1;
      const history = [...run(0, 60), ...run(0, 30).map((s) => ({ ...s, at: s.at + (60 + gap) * 1000 }))];
      expect(kinds(history, [])).toEqual([]);
      const longer = [...run(0, 60), ...run(0, 60).map((s) => ({ ...s, at: s.at + (60 + gap) * 1000 }))];
      expect(verdictsOf(longer, [], settings)).toEqual([expect.objectContaining({ since: at(60 + gap) })]);
    });

    it('a handled count going down is no rise', () => {
      const history = run(0, 60).map((s, i) => ({ ...s, handled: 100 - i }));
      expect(kinds(history, [])).toEqual(['stall']);
    });

    it('nothing pending: no stall', () => {
      expect(
        kinds(
          run(0, 120).map((s) => ({ ...s, pending: 0 })),
          [],
        ),
      ).not.toContain('stall');
    });
  });

  describe('poison', () => {
    const retried = (id: string, retryCount: number, lastError: string | null = null) => ({
      id,
      url: `https://x.test/${id}`,
      retryCount,
      lastError,
    });

    it('requests retried poisonAt times or more, over the whole history, the threshold settable', () => {
      const history = [
        sample({ at: at(0), pending: 1, retried: [retried('a', 2, 'HTTP 503')] }),
        sample({ at: at(5), pending: 1, retried: [retried('a', 3, 'HTTP 503'), retried('b', 1)] }),
        // Gone from later samples (handled, say): still counted.
        sample({ at: at(10), pending: 1, retried: [retried('b', 2)] }),
      ];
      expect(verdictsOf(history, [], settings)).toEqual([
        { kind: 'poison', threshold: 3, count: 1, requests: [retried('a', 3, 'HTTP 503')], latestError: 'HTTP 503' },
      ]);
      expect(verdictsOf(history, [], { ...settings, poisonAt: 2 })[0]).toMatchObject({ count: 2, threshold: 2 });
      expect(kinds(history, [], { ...settings, poisonAt: 4 })).toEqual([]);
    });

    it('lists the worst 10 (most retried, then latest seen); the latest error is the most recently seen one', () => {
      const many = Array.from({ length: 12 }, (_, i) => retried(`r${i}`, 3 + (i % 3), i === 4 ? 'Timeout' : null));
      const history = [
        sample({ at: at(0), pending: 1, retried: many }),
        sample({ at: at(5), pending: 1, retried: [retried('r0', 3, 'HTTP 404'), retried('r1', 3)] }),
      ];
      const [verdict] = verdictsOf(history, [], settings);
      expect(verdict?.kind === 'poison' && verdict.requests.map((r) => `${r.id}:${r.retryCount}`)).toEqual([
        'r11:5',
        'r2:5',
        'r5:5',
        'r8:5',
        'r1:4',
        'r10:4',
        'r4:4',
        'r7:4',
        'r0:3',
        'r3:3',
      ]);
      expect(verdict).toMatchObject({ count: 12, latestError: 'HTTP 404' });
    });

    it('keeps a request’s highest retry count and its last known error when a later sighting lacks them', () => {
      const history = [
        sample({ at: at(0), pending: 1, retried: [retried('a', 4, 'HTTP 500')] }),
        sample({ at: at(5), pending: 1, retried: [{ ...retried('a', 3), url: 'https://x.test/a?v=2' }] }),
      ];
      expect(verdictsOf(history, [], settings)[0]).toMatchObject({
        requests: [{ id: 'a', url: 'https://x.test/a?v=2', retryCount: 4, lastError: 'HTTP 500' }],
        latestError: 'HTTP 500',
      });
    });

    it('no error message seen: latestError null', () => {
      const history = [sample({ pending: 1, retried: [retried('a', 5)] })];
      expect(verdictsOf(history, [], settings)[0]).toMatchObject({ kind: 'poison', latestError: null });
    });
  });

  it('finished: nothing pending and no locks; not while a lock is held', () => {
    expect(verdictsOf([snap(0, [])], [], settings)).toEqual([{ kind: 'finished' }]);
    expect(kinds([sample({ locks: [lock('a', 'ann', 60)] })], [holder('ann', 'active')])).toEqual([]);
    expect(kinds([snap(0, [], ['a'])], [])).toEqual([]);
  });

  it('a crashed crawler holding the rest, with failing requests: locks-head-empty, then stall, then poison', () => {
    const script = new QueueScript(30).record();
    script.wait(5).take('ann', 25, 300).record().wait(5).handle('ann', 5).record();
    for (let round = 0; round < 3; round++)
      script.wait(5).take('bob', 5, 20).record().wait(5).fail('bob', 5, 'HTTP 503');
    script.wait(5).take('bob', 5, 200).record();
    script.recordFor(120);
    const history = script.history;
    const verdicts = verdictsOf(history, holdersOf(history, settings), settings);
    expect(verdicts.map((verdict) => verdict.kind)).toEqual(['locks-head-empty', 'stall', 'poison']);
    expect(verdicts[0]).toMatchObject({ locks: 25, holders: ['ann', 'bob'] });
    expect(verdicts[2]).toMatchObject({ count: 5, latestError: 'HTTP 503' });
  });
});
