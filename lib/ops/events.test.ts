import { describe, expect, it } from 'vitest';
import { eventsBetween, eventsOf, newestFirst, WENT_KEPT } from './events';
import { OBSERVATION_GAP_MS, type OpsEvent } from './history';
import { at, lock, QueueScript, sample, snap } from './history.test-support';

/** "kind:holder:count" per event, for compact expectations. */
const brief = (events: OpsEvent[]) =>
  events.map((event) => (event.kind === 'shared' ? 'shared' : `${event.kind}:${event.holder}:${event.count}`));

describe('eventsBetween', () => {
  it('nothing changed: no events', () => {
    const locks = [lock('a', 'ann', 60)];
    expect(eventsBetween(snap(0, locks, ['b'], 3), snap(5, locks, ['b'], 3))).toEqual([]);
  });

  it('new locks are taken, counted per holder, at the later sample’s time', () => {
    const events = eventsBetween(
      snap(0, [], ['a', 'b', 'c', 'd']),
      snap(5, [lock('a', 'ann', 65), lock('b', 'ann', 65), lock('c', 'bob', 65), lock('d', null, 65)]),
    );
    expect(events).toEqual([
      { at: at(5), kind: 'taken', holder: 'ann', count: 2 },
      { at: at(5), kind: 'taken', holder: 'bob', count: 1 },
      { at: at(5), kind: 'taken', holder: null, count: 1 },
    ]);
  });

  it('a lock moving to another holder before its expiry: released by one, taken by the other', () => {
    const events = eventsBetween(snap(0, [lock('a', 'ann', 60)]), snap(5, [lock('a', 'bob', 65)]));
    expect(brief(events)).toEqual(['released:ann:1', 'taken:bob:1']);
  });

  it('a later expiry is prolonged; the same or an earlier one is not', () => {
    const before = snap(0, [lock('a', 'ann', 60), lock('b', 'ann', 60), lock('c', 'ann', 60)]);
    const after = snap(5, [lock('a', 'ann', 65), lock('b', 'ann', 60), lock('c', 'ann', 59)]);
    expect(brief(eventsBetween(before, after))).toEqual(['prolonged:ann:1']);
  });

  it('locks gone at or past their expiry expired, and say where each request went', () => {
    const before = snap(0, [lock('a', 'ann', 10), lock('b', 'ann', 10), lock('c', 'ann', 5), lock('d', 'bob', 10)]);
    const after = snap(10, [lock('b', 'bob', 70)], ['x', 'a']);
    expect(eventsBetween(before, after)).toEqual([
      {
        at: at(10),
        kind: 'expired',
        holder: 'ann',
        count: 3,
        went: [
          { id: 'a', to: 'head', position: 2 },
          { id: 'b', to: 'taken', by: 'bob' },
          { id: 'c', to: 'not-seen' },
        ],
      },
      { at: at(10), kind: 'expired', holder: 'bob', count: 1, went: [{ id: 'd', to: 'not-seen' }] },
      { at: at(10), kind: 'taken', holder: 'bob', count: 1 },
    ]);
  });

  it(`an expired event lists where at most ${WENT_KEPT} requests went, and counts them all`, () => {
    const ids = Array.from({ length: 12 }, (_, i) => `r${i}`);
    const [event] = eventsBetween(
      snap(
        0,
        ids.map((id) => lock(id, 'ann', 30)),
      ),
      snap(30, [], ids),
    );
    expect(event).toMatchObject({ kind: 'expired', count: 12 });
    expect(event?.kind === 'expired' && event.went.map((went) => went.id)).toEqual(ids.slice(0, WENT_KEPT));
  });

  it('a lock gone early with its request back in the head was released, whatever the handled count did', () => {
    const events = eventsBetween(snap(0, [lock('a', 'ann', 60)], [], 0), snap(5, [], ['a'], 1));
    expect(brief(events)).toEqual(['released:ann:1', 'handled:null:1']);
  });

  it.each([
    ['handled rose by all of them', 3, ['handled:ann:2', 'handled:bob:1']],
    [
      'handled rose by fewer: the first in the earlier list are handled, the rest released',
      2,
      ['released:bob:1', 'handled:ann:2'],
    ],
    ['handled did not rise: all released', 0, ['released:ann:2', 'released:bob:1']],
    [
      'handled rose by more: the rest is handled by a holder not seen',
      5,
      ['handled:ann:2', 'handled:bob:1', 'handled:null:2'],
    ],
    ['handled went down (a counter reset): all released, nothing handled', -10, ['released:ann:2', 'released:bob:1']],
  ])('locks gone early, out of the head: %s', (_, rise, expected) => {
    const before = snap(0, [lock('a', 'ann', 60), lock('b', 'ann', 60), lock('c', 'bob', 60)], [], 10);
    expect(brief(eventsBetween(before, snap(5, [], [], 10 + rise)))).toEqual(expected);
  });

  it('handled with no lock gone: one handled event without holder', () => {
    expect(eventsBetween(snap(0, [], ['a'], 4), snap(5, [], ['a'], 11))).toEqual([
      { at: at(5), kind: 'handled', holder: null, count: 7 },
    ]);
  });

  it('a cut-short later list: missing locks may still be held, so no ended event; a handled rise has no holder', () => {
    const before = snap(0, [lock('a', 'ann', 60), lock('b', 'ann', 10), lock('c', 'bob', 60)], [], 0);
    const after = { ...snap(20, [lock('c', 'bob', 80)], [], 2), locksTruncated: true };
    expect(brief(eventsBetween(before, after))).toEqual(['handled:null:2', 'prolonged:bob:1']);
    // The same change read whole: a's lock was handled early, b's expired.
    expect(brief(eventsBetween(before, { ...after, locksTruncated: false }))).toEqual([
      'expired:ann:1',
      'handled:ann:1',
      'handled:null:1',
      'prolonged:bob:1',
    ]);
  });

  it('a cut-short later list still shows a lock that changed hands', () => {
    const after = { ...snap(20, [lock('a', 'bob', 80)]), locksTruncated: true };
    expect(brief(eventsBetween(snap(0, [lock('a', 'ann', 10)]), after))).toEqual(['expired:ann:1', 'taken:bob:1']);
  });

  it('a cut-short earlier list: a lock not in it is not counted as taken, a lock that changed hands is', () => {
    const before = { ...snap(0, [lock('a', 'ann', 60)]), locksTruncated: true };
    const after = snap(5, [lock('a', 'bob', 65), lock('b', 'ann', 60)]);
    expect(brief(eventsBetween(before, after))).toEqual(['released:ann:1', 'taken:bob:1']);
  });

  it('hadMultipleClients turning true is shared; staying true or turning false is not', () => {
    const single = sample({ hadMultipleClients: false });
    const shared = sample({ at: at(5), hadMultipleClients: true });
    expect(eventsBetween(single, shared)).toEqual([{ at: at(5), kind: 'shared' }]);
    expect(eventsBetween(shared, { ...shared, at: at(10) })).toEqual([]);
    expect(eventsBetween(shared, { ...single, at: at(10) })).toEqual([]);
  });

  it('samples further apart than the observation gap still yield their changes', () => {
    const later = OBSERVATION_GAP_MS / 1000 + 600;
    const events = eventsBetween(snap(0, [lock('a', 'ann', 60)], [], 0), snap(later, [lock('b', 'ann', later + 60)]));
    expect(brief(events)).toEqual(['expired:ann:1', 'taken:ann:1']);
  });

  it('orders one moment’s events by kind, then holder', () => {
    const before = snap(0, [lock('a', 'bob', 5), lock('b', 'ann', 60), lock('c', 'ann', 60), lock('d', 'ann', 60)]);
    const after = { ...snap(5, [lock('c', 'ann', 70), lock('e', 'bob', 65)], ['b'], 1), hadMultipleClients: true };
    expect(brief(eventsBetween(before, after))).toEqual([
      'expired:bob:1',
      'released:ann:1',
      'handled:ann:1',
      'taken:bob:1',
      'prolonged:ann:1',
      'shared',
    ]);
  });
});

describe('eventsOf and newestFirst', () => {
  const script = new QueueScript(10).record().wait(5).take('ann', 4).record().wait(5).handle('ann', 2).record();

  it('reads every consecutive pair, oldest first', () => {
    expect(brief(eventsOf(script.history))).toEqual(['taken:ann:4', 'handled:ann:2']);
    expect(eventsOf([])).toEqual([]);
    expect(eventsOf(script.history.slice(0, 1))).toEqual([]);
  });

  it('lists the newest moment first, keeps a moment’s order, and stops at the limit', () => {
    const events = eventsOf(
      new QueueScript(10).record().wait(5).take('ann', 2).take('bob', 2).record().wait(5).handle('bob', 1).record()
        .history,
    );
    expect(brief(newestFirst(events, 10))).toEqual(['handled:bob:1', 'taken:ann:2', 'taken:bob:2']);
    expect(brief(newestFirst(events, 2))).toEqual(['handled:bob:1', 'taken:ann:2']);
  });
});
