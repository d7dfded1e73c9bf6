import { describe, expect, it } from 'vitest';
import { leasesOf } from './leases';
import { at, LabScript } from './log.test-support';
import { tallyOf } from './tally';

const tally = (script: LabScript, nowSecond = 60) => tallyOf(script.log, leasesOf(script.log, at(nowSecond)));

describe('tallyOf', () => {
  it('counts distinct requests handled, and handled twice', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1', 'r2'])
      .handled('A', 1, 'r1')
      .handled('A', 1, 'r2')
      .handled('B', 2, 'r1')
      .handled('B', 2, 'r9', true);
    expect(tally(script)).toEqual({ handled: 2, handledTwice: 2, doubleGrants: [] });
  });

  it('a hand-over after expiry is no double grant', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1'])
      .lock('B', 5, 5, ['r1'])
      .handled('B', 6, 'r1')
      .lock('C', 10, 5, ['r2'])
      .lock('D', 15.001, 5, ['r2']);
    expect(tally(script).doubleGrants).toEqual([]);
  });

  it('a hand-over right after the holder handled it is no double grant', () => {
    const script = new LabScript().lock('A', 0, 30, ['r1']).handled('A', 2, 'r1').lock('B', 2, 5, ['r1']);
    expect(tally(script).doubleGrants).toEqual([]);
  });

  it('a grant while the other lease certainly held is one double grant', () => {
    const script = new LabScript()
      .lock('A', 0, 5, ['r1'])
      .prolong('A', 3, 'r1', 10)
      .lock('B', 7, 5, ['r1'])
      .handled('A', 8, 'r1');
    expect(tally(script).doubleGrants).toEqual([{ requestId: 'r1', lanes: ['A', 'B'], at: at(7) }]);
  });
});
