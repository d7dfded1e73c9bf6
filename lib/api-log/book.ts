import 'server-only';
import type { ApiLogEntry } from '../types';

/**
 * One HTTP exchange as the wire saw it: no header is ever kept, and no token. The browser's entry
 * (`ApiLogEntry`) is made from it; here it keeps its start as epoch ms, and what its curl needs.
 */
export interface WireCall extends Omit<ApiLogEntry, 'at' | 'curl'> {
  /** When the request was sent (epoch ms). */
  startedAt: number;
  /** The target's base URL (not a secret): what a copied curl is sent to. */
  baseUrl: string;
  /** The JSON body sent, cut at `MAX_BODY_CHARS`; null when there was none. */
  body: string | null;
}

export type WireCallDraft = Omit<WireCall, 'id'>;

/** Where the calls of one session go while its gateway call runs. */
export interface CallLog {
  /** Keeps the call; returns it with the ID the log gave it (the lock lab shows that ID). */
  record(call: WireCallDraft): WireCall | undefined;
}

export const ENTRIES_PER_SESSION = 200;
export const MAX_SESSIONS = 100;

/**
 * The API logs of the sessions, in memory: per session a ring of its last `maxEntries` calls; at most
 * `maxSessions` sessions, the least recently used dropped first. A session only ever reads its own.
 */
export class ApiLogBook {
  // A Map iterates in insertion order: re-inserting a session on use keeps the least recently used first.
  private readonly sessions = new Map<string, WireCall[]>();
  private lastId = 0;

  constructor(
    readonly maxEntries = ENTRIES_PER_SESSION,
    readonly maxSessions = MAX_SESSIONS,
  ) {}

  record(sessionId: string, draft: WireCallDraft): WireCall {
    this.lastId += 1;
    const call = { ...draft, id: this.lastId };
    const calls = this.use(sessionId) ?? [];
    calls.push(call);
    if (calls.length > this.maxEntries) calls.splice(0, calls.length - this.maxEntries);
    this.sessions.set(sessionId, calls);
    while (this.sessions.size > this.maxSessions) {
      this.sessions.delete(this.sessions.keys().next().value as string);
    }
    return call;
  }

  /** The session's calls, newest first. */
  calls(sessionId: string): WireCall[] {
    return [...(this.use(sessionId) ?? [])].reverse();
  }

  /** Forgets the session's calls but keeps its place (the user pressed Clear). */
  clear(sessionId: string) {
    if (this.sessions.has(sessionId)) this.sessions.set(sessionId, []);
  }

  /** Drops the session altogether (it logged out or was refused). */
  drop(sessionId: string | undefined) {
    if (sessionId) this.sessions.delete(sessionId);
  }

  get sessionCount() {
    return this.sessions.size;
  }

  callLogFor(sessionId: string): CallLog {
    return { record: (draft) => this.record(sessionId, draft) };
  }

  /** Marks the session as just used (moves it to the end of the Map). */
  private use(sessionId: string) {
    const calls = this.sessions.get(sessionId);
    if (calls) {
      this.sessions.delete(sessionId);
      this.sessions.set(sessionId, calls);
    }
    return calls;
  }
}

const holder = globalThis as typeof globalThis & { __headlockApiLogBook?: ApiLogBook };

/** The one book of the server process (on globalThis, so every bundle of the server shares it). */
export function apiLogBook(): ApiLogBook {
  holder.__headlockApiLogBook ??= new ApiLogBook();
  return holder.__headlockApiLogBook;
}
