import { describe, expect, it } from 'vitest';
import { addOffsetSample, offsetFrom } from './clock-offset';

describe('server clock offset', () => {
  it('is 0 with no sample', () => {
    expect(offsetFrom([])).toBe(0);
  });

  it('takes the sample that travelled the least (the largest), so a slow answer does not pull the clock back', () => {
    const samples = [3_600_000 - 40, 3_600_000 - 5, 3_600_000 - 120].reduce(addOffsetSample, [] as number[]);
    expect(offsetFrom(samples)).toBe(3_600_000 - 5);
  });

  it('forgets old samples, so a browser clock that is changed is followed', () => {
    let samples = addOffsetSample([], 10_000);
    for (let i = 0; i < 16; i += 1) samples = addOffsetSample(samples, -2_000 - i);
    expect(samples).toHaveLength(16);
    expect(offsetFrom(samples)).toBe(-2_000);
  });
});
