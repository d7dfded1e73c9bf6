import { describe, expect, it } from 'vitest';
import { at } from './log.test-support';
import { stripOf } from './strip';
import { handled, LANES, locked, request, view } from './view.test-support';

describe('stripOf', () => {
  it('queue order: locked at the front (latest expiry first), head, locked at the end, the rest, handled', () => {
    const requests = [
      handled('h2', 3),
      request('p1'),
      locked('f1', 'key-A', 20),
      locked('e1', 'key-B', 30),
      request('p2'),
      locked('f2', 'key-C', 25),
      locked('e2', 'other', 15),
      request('beyond'),
      handled('h1', 1),
      request('p3'),
    ];
    const strip = stripOf(view(10, requests, ['p2', 'p1', 'p3']), LANES, new Set(['f1', 'f2', 'p1']));
    expect(strip.map((cell) => cell.requestId)).toEqual([
      'f2',
      'f1',
      'p2',
      'p1',
      'p3',
      'e2',
      'e1',
      'beyond',
      'h1',
      'h2',
    ]);
    expect(strip.map((cell) => cell.position)).toEqual([null, null, 1, 2, 3, null, null, null, null, null]);
    expect(strip.map((cell) => cell.lane)).toEqual(['C', 'A', null, null, null, null, 'B', null, null, null]);
    expect(strip.map((cell) => cell.returnsTo)).toEqual([
      'front',
      'front',
      null,
      null,
      null,
      'end',
      'end',
      null,
      null,
      null,
    ]);
    expect(strip[0]).toEqual({
      requestId: 'f2',
      label: 'f2',
      state: 'locked',
      lane: 'C',
      position: null,
      lockExpiresAt: at(25),
      retryCount: 0,
      returnsTo: 'front',
    });
  });

  it('a lock that has expired by the server’s now is pending; handled wins over a stale lock', () => {
    const requests = [locked('r1', 'key-A', 10, { retryCount: 2 }), locked('r2', 'key-A', 30, { handledAt: 'x' })];
    const strip = stripOf(view(10, requests, ['r1']), LANES, new Set());
    expect(strip.map((cell) => [cell.requestId, cell.state, cell.lockExpiresAt, cell.retryCount])).toEqual([
      ['r1', 'pending', null, 2],
      ['r2', 'handled', null, 0],
    ]);
  });
});
