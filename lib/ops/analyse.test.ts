import { describe, expect, it } from 'vitest';
import { analyse } from './analyse';
import { eventsOf } from './events';
import { EVENTS_KEPT, type OpsEvent, type OpsSettings } from './history';
import { at, QueueScript } from './history.test-support';

const settings: OpsSettings = { silentAfterSecs: 60, poisonAt: 3 };
const total = (events: OpsEvent[], kind: OpsEvent['kind'], holder?: string | null) =>
  events.reduce(
    (sum, event) =>
      sum +
      (event.kind === kind && 'count' in event && (holder === undefined || event.holder === holder) ? event.count : 0),
    0,
  );

describe('analyse', () => {
  it('an empty history: nothing recorded, nothing found', () => {
    expect(analyse([], settings)).toEqual({
      samples: 0,
      recordedFrom: null,
      recordedTo: null,
      observedForMs: 0,
      holders: [],
      verdicts: [],
      events: [],
      series: { at: [], handledPerMinute: [], pending: [], locked: [] },
    });
  });

  it('assembles a short history: holders, verdicts, newest events first, series', () => {
    const script = new QueueScript(25).record();
    script.wait(5).take('ann', 25, 600).record().wait(5).handle('ann', 5).record();
    script.recordFor(60);
    const activity = analyse(script.history, settings);
    expect(activity).toMatchObject({
      samples: 15,
      recordedFrom: at(0),
      recordedTo: at(70),
      observedForMs: 70_000,
      holders: [{ clientKey: 'ann', locks: 20, lastActedAt: at(10), status: 'silent' }],
      verdicts: [
        { kind: 'locks-head-empty', locks: 20, holders: ['ann'] },
        { kind: 'stall', since: at(10), forMs: 60_000, silentHolders: ['ann'], silentLocks: 20 },
      ],
      events: [
        { at: at(10), kind: 'handled', holder: 'ann', count: 5 },
        { at: at(5), kind: 'taken', holder: 'ann', count: 25 },
      ],
    });
    expect(activity.series.at).toHaveLength(15);
  });

  it(`keeps the newest ${EVENTS_KEPT} events`, () => {
    const script = new QueueScript(400).record();
    for (let step = 0; step < 150; step++) script.wait(1).take('ann', 1).record();
    const { events } = analyse(script.history, settings);
    expect(events).toHaveLength(EVENTS_KEPT);
    expect(events[0]?.at).toBe(at(150));
    expect(events.at(-1)?.at).toBe(at(51));
  });

  it('reads 3,000 samples of 100 locks: four crawlers, one of them crashed near the end', () => {
    const crawlers = ['crawler-a', 'crawler-b', 'crawler-c', 'crawler-d'];
    const script = new QueueScript(13_000).record();
    for (const crawler of crawlers) script.take(crawler, 25, 600);
    script.wait(2).record();
    for (let step = 2; step < 3000; step++) {
      // Each live crawler handles one request and takes the next; crawler-a also prolongs one lock.
      for (const crawler of crawlers) {
        if (crawler === 'crawler-d' && step >= 2900) continue;
        script.handle(crawler, 1).take(crawler, 1, 600);
      }
      script.prolong('crawler-a', 1, 600);
      script.wait(2).record();
    }
    const history = script.history;
    expect(history).toHaveLength(3000);
    expect(history.at(-1)?.locks).toHaveLength(100);

    const activity = analyse(history, settings);
    expect(activity.samples).toBe(3000);
    expect(activity.observedForMs).toBe(2999 * 2000);
    expect(activity.holders).toEqual([
      expect.objectContaining({ clientKey: 'crawler-a', locks: 25, lastActedAt: at(5998), status: 'active' }),
      expect.objectContaining({ clientKey: 'crawler-b', locks: 25, lastActedAt: at(5998), status: 'active' }),
      expect.objectContaining({ clientKey: 'crawler-c', locks: 25, lastActedAt: at(5998), status: 'active' }),
      expect.objectContaining({ clientKey: 'crawler-d', locks: 25, lastActedAt: at(5798), status: 'silent' }),
    ]);
    expect(activity.verdicts).toEqual([]);
    expect(activity.events).toHaveLength(EVENTS_KEPT);
    expect(activity.events.every((event, i) => i === 0 || event.at <= (activity.events[i - 1]?.at ?? 0))).toBe(true);
    expect(activity.series.at).toHaveLength(60);
    expect(activity.series.locked.at(-1)).toBe(100);
    expect(activity.series.pending.at(-1)).toBe(history.at(-1)?.pending);

    // Every handled request is accounted for by its holder, every take once.
    const events = eventsOf(history);
    const handled = (history.at(-1)?.handled ?? 0) - (history[0]?.handled ?? 0);
    expect(total(events, 'handled')).toBe(handled);
    expect(total(events, 'handled', null)).toBe(0);
    expect(total(events, 'handled', 'crawler-d')).toBe(2898);
    expect(total(events, 'taken', 'crawler-b')).toBe(25 + 2998);
    expect(total(events, 'prolonged', 'crawler-a')).toBe(2998);
    expect(total(events, 'expired') + total(events, 'released')).toBe(0);
  });
});
