import { describe, expect, it } from 'vitest';
import { leasesOf } from './leases';
import { at, LabScript, lockConflict, lockExpired } from './log.test-support';

const summary = (script: LabScript, nowSecond: number, seeded: string[] = []) =>
  leasesOf(script.log, at(nowSecond), seeded).map(
    (lease) =>
      `${lease.lane}:${lease.requestId} ${(lease.grantedAt - at(0)) / 1000}-${(lease.expiresAt - at(0)) / 1000} ` +
      `${lease.end}${lease.endedAt === null ? '' : `@${(lease.endedAt - at(0)) / 1000}`}${lease.front ? ' front' : ''}`,
  );

describe('leasesOf', () => {
  it('one lease per granted request, from the exact grant instant; open until it expires', () => {
    const script = new LabScript().lock('A', 1, 5, ['r1', 'r2']);
    expect(summary(script, 3, ['r1'])).toEqual(['A:r1 1-6 open front', 'A:r2 1-6 open']);
    expect(summary(script, 6)).toEqual(['A:r1 1-6 expired@6', 'A:r2 1-6 expired@6']);
  });

  it('a prolong moves the expiry; handled, unlock and fail end the lease at their start', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1', 'r2', 'r3', 'r4'])
      .prolong('A', 2, 'r1', 10)
      .handled('A', 3, 'r1')
      .unlock('A', 3, 'r2')
      .fail('A', 4, 'r3', 1)
      .prolong('A', 4, 'r4', 5);
    expect(summary(script, 8)).toEqual([
      'A:r1 0-12 handled@3',
      'A:r2 0-5 unlocked@3',
      'A:r3 0-5 failed@4',
      'A:r4 0-9 open',
    ]);
  });

  it('the sign at grant follows earlier steps', () => {
    const script = new LabScript().lock('A', 0, 5, ['r1']).unlock('A', 1, 'r1', true).lock('B', 2, 5, ['r1']);
    expect(summary(script, 3)).toEqual(['A:r1 0-5 unlocked@1', 'B:r1 2-7 open front']);
  });

  it('an expired lease ends at its expiry, before the next grant, even if the lane acts on it later', () => {
    const script = new LabScript()
      .lock('A', 0, 2, ['r1'])
      .lock('B', 3, 5, ['r1'])
      .refused('A', 4, { op: 'prolong', requestId: 'r1', lockSecs: 5, forefront: false }, lockConflict)
      .lock('C', 10, 5, ['r2'])
      .handled('C', 16, 'r2');
    expect(summary(script, 3.5)).toEqual(['A:r1 0-2 expired@2', 'B:r1 3-8 open', 'C:r2 10-15 expired@15']);
  });

  it('failed steps attach their calls to the lane’s latest lease on the request', () => {
    const script = new LabScript()
      .lock('A', 0, 2, ['r1'])
      .refused('A', 3, { op: 'prolong', requestId: 'r1', lockSecs: 5, forefront: false }, lockExpired)
      .refused('B', 3, { op: 'unlock', requestId: 'r1', forefront: false }, lockConflict)
      .lock('A', 4, 5, ['r1'])
      .refused('A', 5, { op: 'unlock', requestId: 'r1', forefront: false }, lockConflict);
    const [first, second] = leasesOf(script.log, at(6));
    expect(first?.callIds).toEqual([101, 102]);
    expect(first?.seqs).toEqual([1, 2]);
    expect(second?.callIds).toEqual([104, 105]);
    expect(second?.end).toBe('open');
  });
});
