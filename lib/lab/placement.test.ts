import { describe, expect, it } from 'vitest';
import { LabScript, lockExpired, wireCall } from './log.test-support';
import { frontRequests } from './placement';

const sorted = (set: Set<string>) => [...set].sort();

describe('frontRequests', () => {
  it('starts from the seeded forefront requests; unknown requests are at the end', () => {
    expect(sorted(frontRequests(['r1', 'r2'], []))).toEqual(['r1', 'r2']);
  });

  it('a lock keeps the sign; prolong, unlock and fail set it to their forefront; handled drops out', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1', 'r2', 'r3', 'r4'])
      .prolong('A', 1, 'r1', 5, false)
      .prolong('A', 1, 'r4', 5, true)
      .unlock('A', 2, 'r2', false)
      .handled('A', 2, 'r3')
      .lock('B', 3, 5, ['r5', 'r6'])
      .fail('B', 4, 'r5', 1, true)
      .unlock('B', 4, 'r6', true);
    expect(sorted(frontRequests(['r1', 'r2', 'r3'], script.log))).toEqual(['r4', 'r5', 'r6']);
  });

  it('failed steps change nothing, except a reclaim whose PUT went through', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1', 'r2'])
      .refused('A', 1, { op: 'prolong', requestId: 'r1', lockSecs: 5, forefront: false }, lockExpired)
      .refused('A', 1, { op: 'unlock', requestId: 'r1', forefront: false }, lockExpired, 400);
    // The reclaim of r2: GET and PUT answered, the DELETE lock refused.
    script.refused('A', 2, { op: 'fail', requestId: 'r2', errorMessage: 'x', forefront: true }, lockExpired);
    const log = script.log;
    const reclaim = log[3];
    if (reclaim) {
      reclaim.calls = [
        wireCall(900, 'GET', '/v2/request-queues/q/requests/r2', 200),
        wireCall(901, 'PUT', '/v2/request-queues/q/requests/r2?forefront=true', 200),
        wireCall(902, 'DELETE', '/v2/request-queues/q/requests/r2/lock?forefront=true', 400),
      ];
    }
    expect(sorted(frontRequests(['r1'], log))).toEqual(['r1', 'r2']);
  });
});
