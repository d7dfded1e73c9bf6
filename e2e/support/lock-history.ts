/**
 * One acknowledged lock operation as a locker saw it. Times are local epoch milliseconds taken just
 * before the call was sent and just after its response arrived; the emulator runs on the same host,
 * so its clock is this clock.
 */
export interface LockEvent {
  clientKey: string;
  requestId: string;
  event: 'grant' | 'prolong' | 'release' | 'handled';
  /** The server's expiry for `grant` and `prolong`, epoch ms. */
  lockExpiresAt?: number;
  sentAt: number;
  receivedAt: number;
}

export interface LockViolation {
  requestId: string;
  kind: 'double-grant' | 'grant-after-handled' | 'handled-twice';
  message: string;
}

export interface LockHistoryReport {
  violations: LockViolation[];
  grants: number;
  /** Another client took the request over after a release or handled mark. */
  handoffsAfterRelease: number;
  /** Another client took the request over after the previous lock expired. */
  handoffsAfterExpiry: number;
  handledRequests: number;
}

/** One client's hold on one request: from a grant to its release, handled mark or expiry. */
interface Tenure {
  clientKey: string;
  grant: LockEvent;
  /** Latest expiry the server acknowledged for this hold (grant or prolong). */
  expiresAt: number;
  /** When the holder sent the call that ended its hold; the hold lasted at least until then. */
  endSentAt: number | undefined;
}

/**
 * Checks a merged lock history for mutual exclusion: no request may be granted to a client while
 * another client's lock on it was unexpired and not given back.
 *
 * The check is conservative (it never accuses a correct server). A grant takes effect somewhere between
 * its send and receive times, so for two grants of one request to different clients it considers every
 * order the times allow, and reports a violation only if each such order puts the later grant inside
 * the earlier holder's tenure: received before that lock's expiry minus `clockMarginMs`, and before the
 * holder even sent the call that gave it back.
 */
export function checkLockHistory(events: readonly LockEvent[], clockMarginMs = 25): LockHistoryReport {
  const byRequest = new Map<string, LockEvent[]>();
  for (const event of events) {
    const list = byRequest.get(event.requestId) ?? [];
    list.push(event);
    byRequest.set(event.requestId, list);
  }
  const report: LockHistoryReport = {
    violations: [],
    grants: 0,
    handoffsAfterRelease: 0,
    handoffsAfterExpiry: 0,
    handledRequests: 0,
  };
  for (const [requestId, list] of byRequest) checkRequest(requestId, list, clockMarginMs, report);
  return report;
}

function checkRequest(requestId: string, events: LockEvent[], marginMs: number, report: LockHistoryReport) {
  const tenures = buildTenures(events);
  report.grants += tenures.length;
  for (let i = 0; i < tenures.length; i += 1) {
    for (let j = i + 1; j < tenures.length; j += 1) {
      const a = tenures[i] as Tenure;
      const b = tenures[j] as Tenure;
      if (a.clientKey === b.clientKey) continue;
      if (overlapsInEveryOrder(a, b, marginMs)) {
        report.violations.push({
          requestId,
          kind: 'double-grant',
          message:
            `${requestId} granted to "${a.clientKey}" (received ${a.grant.receivedAt}, expires ${a.expiresAt}) ` +
            `and to "${b.clientKey}" (sent ${b.grant.sentAt}, received ${b.grant.receivedAt}) while the first lock held`,
        });
      }
    }
  }
  const handled = events.filter((event) => event.event === 'handled');
  if (handled.length > 0) report.handledRequests += 1;
  if (handled.length > 1) {
    report.violations.push({
      requestId,
      kind: 'handled-twice',
      message: `${requestId} was marked handled ${handled.length} times (by ${handled.map((e) => e.clientKey).join(', ')})`,
    });
  }
  const firstHandled = handled.reduce<LockEvent | undefined>(
    (first, event) => (first === undefined || event.receivedAt < first.receivedAt ? event : first),
    undefined,
  );
  for (const tenure of tenures) {
    // Sent after the handled mark was acknowledged, so it certainly reached the server after it.
    if (firstHandled && tenure.grant.sentAt > firstHandled.receivedAt) {
      report.violations.push({
        requestId,
        kind: 'grant-after-handled',
        message: `${requestId} granted to "${tenure.clientKey}" at ${tenure.grant.sentAt} after it was handled at ${firstHandled.receivedAt}`,
      });
    }
  }
  countHandoffs(tenures, report);
}

/** Splits each client's events on one request into holds; a client's events are sequential. */
function buildTenures(events: LockEvent[]): Tenure[] {
  const tenures: Tenure[] = [];
  const open = new Map<string, Tenure>();
  const ordered = [...events].sort((x, y) => x.sentAt - y.sentAt || x.receivedAt - y.receivedAt);
  for (const event of ordered) {
    const current = open.get(event.clientKey);
    if (event.event === 'grant') {
      const tenure: Tenure = {
        clientKey: event.clientKey,
        grant: event,
        expiresAt: event.lockExpiresAt ?? Number.NEGATIVE_INFINITY,
        endSentAt: undefined,
      };
      tenures.push(tenure);
      open.set(event.clientKey, tenure);
    } else if (current && event.event === 'prolong') {
      current.expiresAt = Math.max(current.expiresAt, event.lockExpiresAt ?? Number.NEGATIVE_INFINITY);
    } else if (current) {
      current.endSentAt = event.sentAt;
      open.delete(event.clientKey);
    }
  }
  return tenures;
}

/** The latest moment the hold is known to have lasted until, for a grant that took effect after it. */
function tenureFloor(tenure: Tenure, marginMs: number): number {
  const expiry = tenure.expiresAt - marginMs;
  return tenure.endSentAt === undefined ? expiry : Math.min(expiry, tenure.endSentAt);
}

/** True if, in every order the send/receive times allow, the later grant fell inside the earlier hold. */
function overlapsInEveryOrder(a: Tenure, b: Tenure, marginMs: number): boolean {
  // `x` may have taken effect before `y` unless y's response came back before x was even sent.
  const orders: [Tenure, Tenure][] = [];
  if (a.grant.sentAt <= b.grant.receivedAt) orders.push([a, b]);
  if (b.grant.sentAt <= a.grant.receivedAt) orders.push([b, a]);
  return orders.every(([first, later]) => later.grant.receivedAt < tenureFloor(first, marginMs));
}

function countHandoffs(tenures: Tenure[], report: LockHistoryReport) {
  const ordered = [...tenures].sort((x, y) => x.grant.receivedAt - y.grant.receivedAt);
  for (let i = 1; i < ordered.length; i += 1) {
    const previous = ordered[i - 1] as Tenure;
    const next = ordered[i] as Tenure;
    if (previous.clientKey === next.clientKey) continue;
    if (previous.endSentAt !== undefined && previous.endSentAt <= next.grant.receivedAt) {
      report.handoffsAfterRelease += 1;
    } else {
      report.handoffsAfterExpiry += 1;
    }
  }
}

/** Parses JSON-lines history files' contents into events (blank lines skipped). */
export function parseLockHistory(text: string): LockEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LockEvent);
}
