import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { labStepInput, newLabQueueInput } from './inputs';
import type { LabStepInput, NewLabQueueOptions } from './types';

describe('the lab inputs match the lab contract (lib/lab/types.ts)', () => {
  it('a parsed step is exactly a LabStepInput; parsed options are NewLabQueueOptions', () => {
    // Both ways assignable (toEqualTypeOf trips over the contract's intersection with a union).
    expectTypeOf<z.output<typeof labStepInput>>().toExtend<LabStepInput>();
    expectTypeOf<LabStepInput>().toExtend<z.output<typeof labStepInput>>();
    expectTypeOf<z.output<typeof newLabQueueInput>>().toExtend<NewLabQueueOptions>();
  });

  it('fills the defaults: forefront false on a step, 20/3/2 and unconfirmed for a new queue', () => {
    expect(labStepInput.parse({ queueId: 'q1', lane: 'B', op: 'unlock', requestId: 'r1' })).toEqual({
      queueId: 'q1',
      lane: 'B',
      op: 'unlock',
      requestId: 'r1',
      forefront: false,
    });
    expect(newLabQueueInput.parse({})).toEqual({ requests: 20, forefront: 3, handled: 2, confirmed: false });
  });

  it.each([
    [{ requests: 0 }, 'requests', 'must be at least 1 request'],
    [{ requests: 201 }, 'requests', 'must be at most 200 requests'],
    [{ requests: 10, forefront: -1 }, 'forefront', 'must not be negative'],
    [{ requests: 10, forefront: 6, handled: 5 }, 'forefront', 'and handled together (6 + 5)'],
    [{ requests: 2.5 }, 'requests', 'whole number'],
  ])('refuses new queue options %j', (input, field, message) => {
    const result = newLabQueueInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});
