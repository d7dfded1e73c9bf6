import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApifyClient } from 'apify-client';
import { ApiLogBook } from '../api-log/book';
import { loggingTo } from '../api-log/context';
import { type DashboardDb, openDashboardDb } from '../dashboard-db';
import { openDatabase } from '../emulator/db';
import { createEmulatorHandler } from '../emulator/http/handler';
import { serveEmulator } from '../emulator/node-server';
import { EmulatorStore } from '../emulator/store';
import type { GatewayContext } from './gateway';
import { createLabRegistry, type LabRegistry } from './lab-registry';

// Test support only: the lock lab over the real chain (gateway → apify-client → HTTP → emulator),
// with its registry on a dashboard database of its own and a session API log.

export const LAB_TOKEN = 'lab-test-token-MARKER-7pWv';
export const SESSION = 's1';

export interface Seen {
  method: string;
  /** Path and query, as the emulator received them. */
  url: string;
  clientKey: string | null;
}

export interface LabEmulator {
  store: EmulatorStore;
  baseUrl: string;
  /** Every request the emulator received (tests empty it). */
  seen: Seen[];
  dir: string;
  db: DashboardDb;
  registry: LabRegistry;
  book: ApiLogBook;
  /** A gateway context on the emulator for account `alice`: writes armed, nothing acknowledged. */
  ctx(overrides?: Partial<GatewayContext>): GatewayContext;
  /** Runs a gateway call as session `s1` would (what withGateway does). */
  asSession<T>(call: () => Promise<T>): Promise<T>;
  /** `GET queue` over the API, with no clientKey (it registers no client). */
  queue(queueId: string): Promise<{ hadMultipleClients: boolean; totalRequestCount: number } | undefined>;
  close(): void;
}

export async function startLabEmulator(): Promise<LabEmulator> {
  const store = new EmulatorStore(openDatabase(':memory:'));
  const handler = createEmulatorHandler({ store, token: LAB_TOKEN, basePath: '' });
  const seen: Seen[] = [];
  const server: Server = await serveEmulator((request) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, url: url.pathname + url.search, clientKey: url.searchParams.get('clientKey') });
    return handler(request);
  }, 0);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'headlock-lab-'));
  const db = openDashboardDb(join(dir, 'headlock.sqlite'));
  const registry = createLabRegistry(db);
  const book = new ApiLogBook();
  const observer = new ApifyClient({ baseUrl, token: LAB_TOKEN, maxRetries: 0 });
  return {
    store,
    baseUrl,
    seen,
    dir,
    db,
    registry,
    book,
    ctx: (overrides = {}) => ({
      target: { name: 'local', baseUrl, token: LAB_TOKEN },
      clientKey: 'headlock-session',
      writesArmed: true,
      acknowledges: () => false,
      labs: { registry, account: 'alice' },
      ...overrides,
    }),
    asSession: (call) => loggingTo(book.callLogFor(SESSION), call),
    queue: async (queueId) => observer.requestQueue(queueId).get(),
    close: () => {
      server.closeAllConnections();
      server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
