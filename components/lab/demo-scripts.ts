import type { CrawlerSettings } from '@/lib/lab/crawler';
import type { LaneId, NewLabQueueOptions } from '@/lib/lab/types';

// The guided demos, as data: each step is a caption the presenter reads and the moves the lab makes
// when the presenter presses Next. `use-demo.ts` plays them.

/** Which of a lane's requests a move acts on: what it holds now (first or all), or what it lost to expiry. */
export type Which = 'first' | 'all' | 'expired';

export type DemoMove =
  | { act: 'lock'; lane: LaneId; limit: number; lockSecs: number }
  | { act: 'read'; lane: LaneId }
  | { act: 'prolong'; lane: LaneId; which: Which; lockSecs: number; forefront: boolean }
  | { act: 'unlock'; lane: LaneId; which: Which; forefront: boolean }
  | { act: 'handle'; lane: LaneId; which: Which }
  | { act: 'crawl'; lane: LaneId; settings: CrawlerSettings }
  | { act: 'crash'; lane: LaneId }
  | { act: 'together'; moves: DemoMove[] }
  /** Until the lane holds at least this many locks. */
  | { act: 'wait-holding'; lane: LaneId; count: number }
  /** Until every lock the lane holds has expired. */
  | { act: 'wait-expiry'; lane: LaneId }
  /** Until a request whose lock `from` lost to expiry is granted to `to`. */
  | { act: 'wait-takeover'; from: LaneId; to: LaneId }
  /** Until nothing is pending and nothing is locked. */
  | { act: 'wait-drained' };

export interface DemoStep {
  caption: string;
  moves: DemoMove[];
}

export interface Demo {
  id: string;
  title: string;
  /** How many lanes the demo shows. */
  lanes: number;
  queue: NewLabQueueOptions;
  steps: DemoStep[];
}

const crawler = (lockSecs: number, processMs: number): CrawlerSettings => ({
  lockSecs,
  batch: 3,
  processMs,
  failShare: 0,
  maxRetries: 2,
});

export const DEMOS: Demo[] = [
  {
    id: 'contend',
    title: 'Two clients contend for the head',
    lanes: 2,
    queue: { requests: 12, forefront: 0, handled: 0 },
    steps: [
      {
        caption: 'Client A locks the first 3 requests of the head for 30 s. The server gives them to A alone.',
        moves: [{ act: 'lock', lane: 'A', limit: 3, lockSecs: 30 }],
      },
      {
        caption:
          'Client B locks 3 as well. It gets the next three, not A’s: a locked request is hidden from every other client.',
        moves: [{ act: 'lock', lane: 'B', limit: 3, lockSecs: 30 }],
      },
      {
        caption:
          'Both lock 2 more at the same instant. The server hands out each request once: no request goes to both (double grants: 0).',
        moves: [
          {
            act: 'together',
            moves: [
              { act: 'lock', lane: 'A', limit: 2, lockSecs: 30 },
              { act: 'lock', lane: 'B', limit: 2, lockSecs: 30 },
            ],
          },
        ],
      },
      {
        caption: 'Both mark what they hold handled. Every request was worked on by exactly one client.',
        moves: [
          {
            act: 'together',
            moves: [
              { act: 'handle', lane: 'A', which: 'all' },
              { act: 'handle', lane: 'B', which: 'all' },
            ],
          },
        ],
      },
    ],
  },
  {
    id: 'crash',
    title: 'A crawler crashes',
    lanes: 2,
    queue: { requests: 10, forefront: 0, handled: 0 },
    steps: [
      {
        caption:
          'Two simulated crawlers start. Each locks a batch of 3 for 4 s, works 1 s per request, prolongs when its lock runs low, and marks the request handled.',
        moves: [
          {
            act: 'together',
            moves: [
              { act: 'crawl', lane: 'A', settings: crawler(4, 1000) },
              { act: 'crawl', lane: 'B', settings: crawler(4, 1000) },
            ],
          },
          { act: 'wait-holding', lane: 'A', count: 2 },
        ],
      },
      {
        caption:
          'Client A crashes mid-batch. It sends nothing more, and nobody unlocks its requests: the locks stay on the server until they expire.',
        moves: [{ act: 'crash', lane: 'A' }],
      },
      {
        caption:
          'A’s locks expire and B takes those requests over: on the timeline A’s bar stops at a dashed edge and B’s bar starts on the same row. Nothing is lost.',
        moves: [
          { act: 'wait-expiry', lane: 'A' },
          { act: 'wait-takeover', from: 'A', to: 'B' },
        ],
      },
      {
        caption: 'The queue drains. Every request was handled exactly once: nothing lost, nothing done twice.',
        moves: [{ act: 'wait-drained' }],
      },
    ],
  },
  {
    id: 'prolong',
    title: 'Prolong keeps work from being stolen',
    lanes: 3,
    queue: { requests: 8, forefront: 0, handled: 0 },
    steps: [
      {
        caption: 'A and B each lock one request for 4 s and start working on it.',
        moves: [
          { act: 'lock', lane: 'A', limit: 1, lockSecs: 4 },
          { act: 'lock', lane: 'B', limit: 1, lockSecs: 4 },
        ],
      },
      {
        caption: 'A’s work takes longer than 4 s, so A prolongs its lock to 20 s. B does not.',
        moves: [{ act: 'prolong', lane: 'A', which: 'first', lockSecs: 20, forefront: false }],
      },
      {
        caption: 'B’s lock expires while B is still working: its request is back in the queue, up for grabs.',
        moves: [{ act: 'wait-expiry', lane: 'B' }],
      },
      {
        caption:
          'Client C locks the whole head. It gets B’s request (back at the end: it was locked from the end) but never A’s, which A still holds.',
        moves: [{ act: 'lock', lane: 'C', limit: 25, lockSecs: 30 }],
      },
      {
        caption:
          'B finishes late and marks its request handled: refused, C holds it now. Without prolong, B’s work is wasted or done twice.',
        moves: [{ act: 'handle', lane: 'B', which: 'expired' }],
      },
    ],
  },
  {
    id: 'unlock',
    title: 'Unlock to the end vs to the front',
    lanes: 1,
    queue: { requests: 8, forefront: 0, handled: 0 },
    steps: [
      {
        caption: 'Client A locks the first two requests of the head, r1 and r2.',
        moves: [{ act: 'lock', lane: 'A', limit: 2, lockSecs: 60 }],
      },
      {
        caption: 'A unlocks r1 to the end (the default): it goes behind every pending request.',
        moves: [{ act: 'unlock', lane: 'A', which: 'first', forefront: false }],
      },
      {
        caption: 'A unlocks r2 with forefront: it is first in the head again.',
        moves: [{ act: 'unlock', lane: 'A', which: 'first', forefront: true }],
      },
      {
        caption:
          'A locks the head for 3 s and lets the lock expire: it was locked from the front, so it comes back at the front.',
        moves: [
          { act: 'lock', lane: 'A', limit: 1, lockSecs: 3 },
          { act: 'wait-expiry', lane: 'A' },
        ],
      },
    ],
  },
  {
    id: 'flag',
    title: 'hadMultipleClients turns true',
    lanes: 2,
    queue: { requests: 8, forefront: 2, handled: 1 },
    steps: [
      {
        caption:
          'A fresh lab queue, created, filled and read as Client A only: hadMultipleClients is false. One client so far.',
        moves: [],
      },
      {
        caption: 'Client A locks the head. Still one clientKey, still false.',
        moves: [{ act: 'lock', lane: 'A', limit: 2, lockSecs: 60 }],
      },
      {
        caption:
          'Client B only reads the head. A second clientKey touched the queue: hadMultipleClients is now true, and it never turns back.',
        moves: [{ act: 'read', lane: 'B' }],
      },
      {
        caption:
          'What Crawlee does about it: its older RequestQueue (v1) trusts its local counts only while the flag is false; now it asks the server before calling the queue finished. The locking queue, the default since Crawlee 3.10, relies on locks and queueHasLockedRequests instead.',
        moves: [],
      },
    ],
  },
];

export const demoById = (id: string | null) => DEMOS.find((demo) => demo.id === id) ?? null;
