import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase } from '../emulator/db';
import { createEmulatorHandler } from '../emulator/http/handler';
import { serveEmulator } from '../emulator/node-server';
import { EmulatorStore } from '../emulator/store';
import type { GatewayContext } from './gateway';

// Test support only: the real chain (gateway → apify-client → HTTP → emulator → SQLite) for one test
// file, with every call the emulator received.

export const TOKEN = 'inspect-test-token';
export const A = 'dash-A';

export interface SeenCall {
  method: string;
  path: string;
  params: URLSearchParams;
}

export interface EmulatorHarness {
  store: EmulatorStore;
  baseUrl: string;
  /** The calls since the test began. */
  seen: SeenCall[];
  ctx(clientKey?: string, overrides?: Partial<GatewayContext>): GatewayContext;
  /** A new named queue holding requests with these uniqueKeys (url = uniqueKey unless it is no URL), added by A. */
  makeQueue(
    uniqueKeys?: string[],
    extra?: (i: number) => Record<string, unknown>,
  ): { id: string; name: string; ids: string[] };
}

export function emulatorForThisFile(prefix: string): EmulatorHarness {
  let server: Server;
  let queues = 0;
  const harness: EmulatorHarness = {
    store: new EmulatorStore(openDatabase(':memory:')),
    baseUrl: '',
    seen: [],
    ctx: (clientKey = A, overrides = {}) => ({
      target: { name: 'local', baseUrl: harness.baseUrl, token: TOKEN },
      clientKey,
      writesArmed: true,
      acknowledges: () => true,
      ...overrides,
    }),
    makeQueue(uniqueKeys = [], extra = () => ({})) {
      queues += 1;
      const name = `${prefix}-${queues}`;
      const id = harness.store.getOrCreateQueue(name).queue.id as string;
      const ids: string[] = [];
      for (let i = 0; i < uniqueKeys.length; i += 25) {
        const batch = uniqueKeys.slice(i, i + 25).map((uniqueKey, j) => ({
          url: uniqueKey.startsWith('http') ? uniqueKey : `https://x.test/${i + j}`,
          uniqueKey,
          ...extra(i + j),
        }));
        const added = harness.store.batchAddRequests(id, batch, { clientKey: A });
        ids.push(...added.processedRequests.map((item) => item.requestId));
      }
      return { id, name, ids };
    },
  };
  beforeAll(async () => {
    const handler = createEmulatorHandler({ store: harness.store, token: TOKEN, basePath: '' });
    server = await serveEmulator((request) => {
      const url = new URL(request.url);
      harness.seen.push({ method: request.method, path: url.pathname, params: url.searchParams });
      return handler(request);
    }, 0);
    harness.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    harness.seen.length = 0;
  });
  return harness;
}

export const urlsFor = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `https://${prefix}.test/${i}`);
