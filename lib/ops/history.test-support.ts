import { HEAD_IDS_KEPT, type RecordedLock, type RetriedRequest, type Sample } from './history';

// Synthetic histories for the ops tests: `sample()` for one hand-made snapshot, `QueueScript` for a
// queue played forward the way crawlers use it (take, prolong, handle, reclaim, crash) and recorded.

export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
/** Server ms `seconds` after T0. */
export const at = (seconds: number) => T0 + seconds * 1000;
/** "10:00:05": the page's clock, in UTC for the tests. */
export const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export const lock = (id: string, holder: string | null, expiresAtSecond: number): RecordedLock => ({
  id,
  holder,
  expiresAt: at(expiresAtSecond),
});

/** A sample at T0 with nothing in it, changed by `partial`; headCount follows the head when not given. */
export const sample = (partial: Partial<Sample> = {}): Sample => ({
  at: T0,
  total: 0,
  handled: 0,
  pending: 0,
  locks: [],
  locksTruncated: false,
  head: [],
  headCount: partial.head?.length ?? 0,
  headComplete: true,
  hadMultipleClients: false,
  queueModifiedAt: T0,
  retried: [],
  ...partial,
});

/** A sample at `second` holding these locks, with this head and handled count. */
export const snap = (second: number, locks: RecordedLock[], head: string[] = [], handled = 0): Sample =>
  sample({ at: at(second), locks, head, handled, pending: locks.length + head.length });

interface ScriptRequest {
  id: string;
  retryCount: number;
  lastError: string | null;
}

/** A queue and its clients, played forward in seconds; `record()` appends a sample of the moment. */
export class QueueScript {
  now = T0;
  handled = 0;
  hadMultipleClients = false;
  /** Cut the recorded lock lists to this many (the recorder's read limit). */
  lockReadLimit = Number.POSITIVE_INFINITY;
  readonly head: ScriptRequest[];
  readonly locks = new Map<string, { request: ScriptRequest; holder: string | null; expiresAt: number }>();
  readonly history: Sample[] = [];
  private readonly total: number;

  constructor(requests: number, prefix = 'r') {
    this.head = Array.from({ length: requests }, (_, i) => ({
      id: `${prefix}${i + 1}`,
      retryCount: 0,
      lastError: null,
    }));
    this.total = requests;
  }

  wait(seconds: number): this {
    this.now += seconds * 1000;
    this.returnExpired();
    return this;
  }

  /** listAndLockHead: the first `count` of the head, for `lockSecs`. */
  take(holder: string | null, count: number, lockSecs = 60): this {
    for (const request of this.head.splice(0, count)) {
      this.locks.set(request.id, { request, holder, expiresAt: this.now + lockSecs * 1000 });
    }
    return this;
  }

  /** prolongRequestLock on the first `count` of the holder's locks: `lockSecs` from now. */
  prolong(holder: string, count: number, lockSecs = 60): this {
    for (const entry of this.held(holder).slice(0, count)) entry.expiresAt = this.now + lockSecs * 1000;
    return this;
  }

  /** Marks the first `count` of the holder's locked requests handled. */
  handle(holder: string, count: number): this {
    const done = this.held(holder).slice(0, count);
    for (const entry of done) this.locks.delete(entry.request.id);
    this.handled += done.length;
    return this;
  }

  /** Unlocks the first `count` of the holder's requests before their expiry: back at the head's front. */
  release(holder: string, count: number): this {
    const freed = this.held(holder).slice(0, count);
    for (const entry of freed) this.locks.delete(entry.request.id);
    this.head.unshift(...freed.map((entry) => entry.request));
    return this;
  }

  /** Reclaims the first `count` of the holder's requests after a failure: retried, back at the head's end. */
  fail(holder: string, count: number, error: string): this {
    for (const entry of this.held(holder).slice(0, count)) {
      this.locks.delete(entry.request.id);
      this.head.push({ ...entry.request, retryCount: entry.request.retryCount + 1, lastError: error });
    }
    return this;
  }

  /** Records a sample of this moment. */
  record(): this {
    const locks = [...this.locks.values()];
    const seen = [...this.head.slice(0, HEAD_IDS_KEPT), ...locks.map((entry) => entry.request)];
    const retried: RetriedRequest[] = seen
      .filter((request) => request.retryCount > 0)
      .map(({ id, retryCount, lastError }) => ({ id, url: `https://x.test/${id}`, retryCount, lastError }));
    this.history.push({
      at: this.now,
      total: this.total,
      handled: this.handled,
      pending: this.head.length + locks.length,
      locks: locks
        .slice(0, this.lockReadLimit)
        .map(({ request, holder, expiresAt }) => ({ id: request.id, holder, expiresAt })),
      locksTruncated: locks.length > this.lockReadLimit,
      head: this.head.slice(0, HEAD_IDS_KEPT).map((request) => request.id),
      headCount: Math.min(this.head.length, HEAD_IDS_KEPT),
      headComplete: this.head.length < HEAD_IDS_KEPT,
      hadMultipleClients: this.hadMultipleClients,
      queueModifiedAt: this.now,
      retried,
    });
    return this;
  }

  /** Records every `every` seconds for `seconds`, the queue otherwise left alone. */
  recordFor(seconds: number, every = 5): this {
    for (let elapsed = 0; elapsed < seconds; elapsed += every) this.wait(every).record();
    return this;
  }

  private held(holder: string) {
    return [...this.locks.values()].filter((entry) => entry.holder === holder);
  }

  /** Expired locks free their requests: back at the head's front, as the API returns them. */
  private returnExpired() {
    const freed = [...this.locks.values()].filter((entry) => entry.expiresAt <= this.now);
    for (const entry of freed) this.locks.delete(entry.request.id);
    this.head.unshift(...freed.map((entry) => entry.request));
  }
}
