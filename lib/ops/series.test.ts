import { describe, expect, it } from 'vitest';
import { at, lock, sample } from './history.test-support';
import { seriesOf } from './series';

/** A sample at `second` with this handled count, pending count and number of locks. */
const reading = (second: number, handled: number, pending = 0, locks = 0) =>
  sample({
    at: at(second),
    handled,
    pending,
    locks: Array.from({ length: locks }, (_, i) => lock(`r${i}`, 'ann', second + 60)),
  });

describe('seriesOf', () => {
  it('an empty history: empty series', () => {
    expect(seriesOf([])).toEqual({ at: [], handledPerMinute: [], pending: [], locked: [] });
  });

  it('one sample, or samples at one moment: one point, nothing handled per minute', () => {
    expect(seriesOf([reading(0, 5, 3, 1)])).toEqual({ at: [at(0)], handledPerMinute: [0], pending: [3], locked: [1] });
    expect(seriesOf([reading(0, 5, 3, 1), reading(0, 9, 2, 2)])).toEqual({
      at: [at(0)],
      handledPerMinute: [0],
      pending: [2],
      locked: [2],
    });
  });

  it('equal buckets: the last readings in each, handled/min from the previous bucket’s last sample', () => {
    const history = [
      reading(0, 0, 50, 5),
      reading(30, 10, 40, 5),
      reading(60, 20, 30, 4),
      reading(90, 30, 20, 3),
      reading(120, 40, 10, 2),
    ];
    expect(seriesOf(history, 2)).toEqual({
      at: [at(60), at(120)],
      handledPerMinute: [10, 30],
      pending: [40, 10],
      locked: [5, 2],
    });
  });

  it('fewer samples than buckets: one bucket per sample at most', () => {
    const series = seriesOf([reading(0, 0), reading(60, 6), reading(120, 18)]);
    expect(series.at).toEqual([at(40), at(80), at(120)]);
    // 6 handled over the bucket ending at 80 s (40 s long): 9 a minute; 12 over the last one: 18.
    expect(series.handledPerMinute).toEqual([0, 9, 18]);
  });

  it('an empty bucket carries the previous pending and locked, with nothing handled', () => {
    const series = seriesOf([reading(0, 0, 9, 3), reading(10, 5, 8, 2), reading(90, 35, 4, 1)]);
    expect(series).toEqual({
      at: [at(30), at(60), at(90)],
      handledPerMinute: [10, 0, 60],
      pending: [8, 8, 4],
      locked: [2, 2, 1],
    });
  });

  it('a handled count going down (counter reset) is no rise, and the next bucket rises from the low reading', () => {
    const history = [reading(0, 100), reading(60, 120), reading(120, 3), reading(180, 13), reading(240, 19)];
    expect(seriesOf(history, 4).handledPerMinute).toEqual([0, 20, 0, 16]);
  });
});
