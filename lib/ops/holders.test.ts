import { describe, expect, it } from 'vitest';
import { OBSERVATION_GAP_MS, type OpsSettings } from './history';
import { at, lock, QueueScript, snap } from './history.test-support';
import { holdersOf } from './holders';
import { latestRunStart, observedForMs } from './observation';

const settings: OpsSettings = { silentAfterSecs: 60, poisonAt: 3 };
const statuses = (history: Parameters<typeof holdersOf>[0], silentAfterSecs = 60) =>
  holdersOf(history, { ...settings, silentAfterSecs }).map(
    (holder) =>
      `${holder.clientKey}:${holder.status}:${holder.lastActedAt === null ? '-' : (holder.lastActedAt - at(0)) / 1000}`,
  );

describe('the observation', () => {
  it.each([
    ['no samples', [], 0, 0],
    ['one sample', [0], 0, 0],
    ['samples a gap apart, not more', [0, 30, 30 + OBSERVATION_GAP_MS / 1000], 0, 30_000 + OBSERVATION_GAP_MS],
    [
      'a gap longer than that breaks it',
      [0, 30, 30.001 + OBSERVATION_GAP_MS / 1000, 40.001 + OBSERVATION_GAP_MS / 1000],
      2,
      10_000,
    ],
  ])('%s', (_, seconds, start, observed) => {
    const history = seconds.map((second) => snap(second, []));
    expect(latestRunStart(history)).toBe(start);
    expect(observedForMs(history)).toBe(observed);
  });
});

describe('holdersOf', () => {
  it('one row per holder in the latest sample: lock count and expiries; locks without holder left out', () => {
    const history = [
      snap(0, [lock('x', 'zed', 30)]),
      snap(5, [
        lock('a', 'bob', 40),
        lock('b', 'ann', 50),
        lock('c', 'bob', 20),
        lock('d', null, 10),
        lock('e', 'cat', 9),
      ]),
    ];
    expect(
      holdersOf(history, settings).map(({ clientKey, locks, earliestExpiry, latestExpiry }) => ({
        clientKey,
        locks,
        earliestExpiry,
        latestExpiry,
      })),
    ).toEqual([
      { clientKey: 'bob', locks: 2, earliestExpiry: at(20), latestExpiry: at(40) },
      { clientKey: 'ann', locks: 1, earliestExpiry: at(50), latestExpiry: at(50) },
      { clientKey: 'cat', locks: 1, earliestExpiry: at(9), latestExpiry: at(9) },
    ]);
    expect(holdersOf([], settings)).toEqual([]);
  });

  it('active while it acted less than silentAfter ago, silent from exactly silentAfter on', () => {
    const script = new QueueScript(50).record().wait(5).take('ann', 25, 600).record();
    expect(statuses(script.recordFor(55).history)).toEqual(['ann:active:5']);
    expect(statuses(script.recordFor(5).history)).toEqual(['ann:silent:5']);
    expect(statuses(script.history, 61)).toEqual(['ann:active:5']);
  });

  it('prolonging, releasing and handling are acting; a null-holder handled event is not', () => {
    const script = new QueueScript(50).record().wait(5).take('ann', 5, 600).take('bob', 5, 600).take('cat', 5, 600);
    script.record().wait(10).prolong('ann', 1, 600).handle('bob', 1).release('cat', 1).record();
    script.wait(10).record();
    script.handled += 3; // handled by someone this page does not see
    script.wait(10).record();
    expect(statuses(script.history)).toEqual(['ann:active:15', 'bob:active:15', 'cat:active:15']);
  });

  it('letting locks expire is not acting', () => {
    const script = new QueueScript(50).record().wait(5).take('ann', 2, 30).take('ann', 2, 300).record();
    script.recordFor(60);
    expect(script.history.at(-1)?.locks).toHaveLength(2);
    expect(statuses(script.history)).toEqual(['ann:silent:5']);
  });

  it('never seen acting: unknown until watched holding locks for silentAfter, then silent', () => {
    const held = [lock('a', 'ann', 900)];
    const history = [snap(0, []), snap(10, held), snap(40, held), snap(69, held)];
    // ann was there from the second sample on: the lock appeared, which is taking it.
    expect(statuses(history)).toEqual(['ann:active:10']);
    const fromStart = [snap(0, held), snap(30, held), snap(59, held)];
    expect(statuses(fromStart)).toEqual(['ann:unknown:-']);
    expect(statuses([...fromStart, snap(60, held)])).toEqual(['ann:silent:-']);
  });

  it('a gap breaks the observation: only the latest run counts for a holder never seen acting', () => {
    const held = [lock('a', 'ann', 9000)];
    const afterGap = 30 + OBSERVATION_GAP_MS / 1000 + 1;
    const history = [snap(0, held), snap(30, held), snap(afterGap, held), snap(afterGap + 30, held)];
    expect(statuses(history)).toEqual(['ann:unknown:-']);
    expect(statuses([...history, snap(afterGap + 60, held)])).toEqual(['ann:silent:-']);
    // Without the gap, the same two minutes of holding make it silent at once.
    expect(statuses([snap(0, held), snap(60, held), snap(120, held)])).toEqual(['ann:silent:-']);
  });

  it('each holder never seen acting is judged from its own first sighting in the run', () => {
    const ann = lock('a', 'ann', 900);
    const cutShort = { ...snap(30, [ann]), locksTruncated: true };
    // bob's lock shows up after a cut-short list: maybe held all along, so not taken, and bob is judged from 60.
    const history = [snap(0, [ann]), cutShort, snap(60, [ann, lock('b', 'bob', 900)])];
    expect(statuses(history)).toEqual(['ann:silent:-', 'bob:unknown:-']);
    expect(statuses([...history, snap(120, [ann, lock('b', 'bob', 900)])])).toEqual(['ann:silent:-', 'bob:silent:-']);
  });
});
