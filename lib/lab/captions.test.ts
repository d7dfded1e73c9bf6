import { describe, expect, it } from 'vitest';
import { type Caption, stepCaptions, viewCaptions } from './captions';
import { leasesOf } from './leases';
import { at, LabScript, lockConflict, lockExpired, rateLimited } from './log.test-support';
import { frontRequests } from './placement';
import { handled, LANES, locked, request, view } from './view.test-support';

const labels = new Map([['id-7', 'r7']]);
const texts = (captions: Caption[]) => captions.map((caption) => caption.text);
const lastStep = (script: LabScript, ctx: Parameters<typeof stepCaptions>[2] = {}) => {
  const entry = script.log.at(-1);
  if (!entry) throw new Error('no step');
  return texts(stepCaptions(entry, labels, ctx));
};

describe('stepCaptions', () => {
  it('a lock: what was taken, and what others hold', () => {
    const script = new LabScript().lock('A', 0, 5, ['r1', 'r2', 'r3']);
    expect(lastStep(script)).toEqual([
      'A locked r1, r2, r3 for 5 s: the first three of the head; no one else can get them now.',
    ]);
    script.lock('B', 1, 5, ['r4', 'r5']);
    expect(lastStep(script, { leases: leasesOf(script.log, at(1)), hadMultipleClientsBefore: true })).toEqual([
      "B got r4, r5 — not r1–r3: locked requests are hidden from everyone else's head.",
    ]);
    script.lock('C', 9, 5, ['id-7']);
    expect(lastStep(script, { leases: leasesOf(script.log, at(9)), hadMultipleClientsBefore: false })).toEqual([
      'C locked r7 for 5 s: the first of the head; no one else can get it now. A second clientKey: hadMultipleClients is now true, and it never turns back.',
    ]);
  });

  it('an empty lock says whether locks are still out', () => {
    expect(lastStep(new LabScript().lock('A', 0, 5, [], true))).toEqual([
      'A found nothing to lock: every pending request is locked, so a crawler waits for locks to end.',
    ]);
    expect(lastStep(new LabScript().lock('A', 0, 5, [], false))).toEqual([
      'A found nothing to lock, and no locks are out: for a crawler the queue is finished.',
    ]);
  });

  it('read, prolong, unlock, fail and handled', () => {
    const script = new LabScript().read('B', 0, ['r1', 'r2', 'r3', 'r4', 'r5'], true);
    expect(lastStep(script, { hadMultipleClientsBefore: false })).toEqual([
      'B read the head (5 requests): a second clientKey — hadMultipleClients is now true, and it never turns back.',
    ]);
    expect(lastStep(script, { hadMultipleClientsBefore: true })).toEqual([
      'B read the head (5 requests): reading locks nothing.',
    ]);
    expect(lastStep(script.prolong('A', 1, 'r2', 10, true))).toEqual([
      "A prolonged r2 to 10 s: it stays A's; when it expires it returns to the front.",
    ]);
    script.unlock('A', 2, 'r1');
    const next = view(3, [], ['r4', 'r5', 'r1']);
    expect(lastStep(script, { next })).toEqual(['A unlocked r1 to the end: it is now last (#3 of 3).']);
    expect(lastStep(script)).toEqual(['A unlocked r1 to the end: it is now last in the head.']);
    expect(lastStep(script.fail('C', 3, 'r6', 2))).toEqual([
      'C failed r6 (retry 2): reclaimed to the end with its error.',
    ]);
    expect(lastStep(script.handled('A', 4, 'r3'))).toEqual(['A marked r3 handled: it leaves the queue for good.']);
    expect(lastStep(script.handled('A', 4, 'r3', true))).toEqual([
      'A marked r3 handled, but it already was: its work was done twice.',
    ]);
  });

  it('refusals: a lost lock names the new holder; 429 backs off; others give the message', () => {
    const prolong = { op: 'prolong', requestId: 'r2', lockSecs: 5, forefront: false } as const;
    const script = new LabScript()
      .lock('A', 0, 2, ['r2'])
      .lock('C', 3, 5, ['r2'])
      .refused('A', 4, prolong, lockConflict);
    const leases = leasesOf(script.log, at(4));
    expect(lastStep(script, { leases })).toEqual(['A could not prolong r2: its lock had expired and C holds it now.']);
    expect(lastStep(script.refused('B', 4, { op: 'handled', requestId: 'r2' }, lockConflict), { leases })).toEqual([
      'B could not mark r2 handled: it is locked by someone else: C holds it now.',
    ]);
    expect(lastStep(script.refused('A', 9, prolong, lockExpired))).toEqual([
      'A could not prolong r2: its lock had expired.',
    ]);
    expect(lastStep(script.refused('A', 9, prolong, rateLimited, 429))).toEqual([
      'A was rate limited (429): backing off.',
    ]);
    const odd = { code: 'invalid-input' as const, message: 'The API refused the call: lockSecs is too big.' };
    expect(lastStep(script.refused('A', 9, prolong, odd))).toEqual([
      'A could not prolong r2: The API refused the call: lockSecs is too big.',
    ]);
  });

  it('keys, times and requests', () => {
    const script = new LabScript().lock('A', 1, 5, ['r1', 'r2']);
    const [caption] = stepCaptions(script.log[0] ?? ({} as never), labels);
    expect(caption).toMatchObject({ key: 'step-1', at: at(1), lane: 'A', requestIds: ['r1', 'r2'] });
  });
});

describe('viewCaptions', () => {
  it('an expiring lease returns to where its key points', () => {
    const script = new LabScript().lock('A', 0, 5, ['r7', 'r8']).prolong('A', 1, 'r7', 5, true);
    const ctx = { leases: leasesOf(script.log, at(7)), front: frontRequests([], script.log), lanes: LANES };
    const prev = view(4, [locked('r7', 'key-A', 6), locked('r8', 'key-A', 5), request('r1')], ['r1']);
    const next = view(7, [request('r7'), request('r8'), request('r1')], ['r7', 'r1', 'r8']);
    expect(texts(viewCaptions(prev, next, ctx))).toEqual([
      "r8 expired (A's lock): back in the queue at #3 of 3 — at the end, because it was locked from the end.",
      "r7 expired (A's lock): back at the front (#1 of 3), because it was locked from a forefront position.",
    ]);
    expect(texts(viewCaptions(view(7, [], []), view(8, [], []), ctx))).toEqual([]);
  });

  it('other clients: the flag when no lane explains it, handled or locked requests', () => {
    const script = new LabScript().lock('A', 0, 5, ['r1']);
    const ctx = { leases: leasesOf(script.log, at(2)), front: new Set<string>(), lanes: LANES, log: script.log };
    const prev = view(1, [locked('r1', 'key-A', 5), request('r2'), request('r3'), request('r4')], ['r2', 'r3', 'r4']);
    const next = view(2, [handled('r1', 2), handled('r2', 2), locked('r3', 'zed', 30), request('r4')], ['r4'], true);
    expect(texts(viewCaptions(prev, next, ctx))).toEqual([
      'r2 was marked handled by a client that is not a lab lane.',
      'r3 was locked by another client (not a lab lane): no lane can get it until that lock ends.',
      'Another client (not a lab lane) touched the queue: hadMultipleClients is now true, and it never turns back.',
    ]);
    script.read('B', 1, [], true);
    const explained = viewCaptions(prev, next, { ...ctx, log: script.log });
    expect(explained.map((caption) => caption.key)).toEqual([
      'other-handled-r2',
      `other-locked-r3-${next.requests[2]?.lockExpiresAt}`,
    ]);
  });
});
