import { describe, expect, it } from 'vitest';
import { createPacer } from './pacing';

function setup(randoms: number[] = [0]) {
  const clock = { now: 1_000_000 };
  let draw = 0;
  const pacer = createPacer({
    perSecond: 8,
    random: () => randoms[draw++ % randoms.length] ?? 0,
    now: () => clock.now,
  });
  return { clock, pacer };
}

describe('createPacer', () => {
  it('spaces calls so that at most perSecond go out in any second', () => {
    const { clock, pacer } = setup();
    expect(pacer.delay()).toBe(0);
    const sentAt: number[] = [];
    while (clock.now < 1_000_000 + 3000) {
      clock.now += pacer.delay();
      sentAt.push(clock.now);
      pacer.sent();
      pacer.succeeded();
      clock.now += 10;
    }
    for (const start of sentAt)
      expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(8);
    expect(sentAt.length).toBeGreaterThanOrEqual(24);
  });

  it('after 429s waits random(D…2D), D from 500 ms doubling up to 16 s; a success resets it', () => {
    const { clock, pacer } = setup([0, 1, 0.5, 0, 0, 0, 0, 0]);
    const delays: number[] = [];
    for (let refusal = 0; refusal < 8; refusal++) {
      pacer.sent();
      pacer.rateLimited();
      delays.push(pacer.delay());
      expect(pacer.delay()).toBe(delays.at(-1));
      clock.now += delays.at(-1) ?? 0;
    }
    expect(delays).toEqual([500, 2000, 3000, 4000, 8000, 16_000, 16_000, 16_000]);
    pacer.sent();
    pacer.succeeded();
    expect(pacer.delay()).toBe(125);
    pacer.rateLimited();
    expect(pacer.delay()).toBe(500);
  });
});
