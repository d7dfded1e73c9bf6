import 'server-only';
import { createRequire } from 'node:module';
import type Log from '@apify/log';
import { ApifyClient } from 'apify-client';
import { captureCalls } from '../api-log/capture';

// apify-client logs retries and failed batches with the upstream's own error text, which could
// echo anything (design.md §4: nothing upstream reaches our logs); failures are returned instead.
// It require()s the CommonJS build of @apify/log, so silence that very instance.
const log = (createRequire(import.meta.url)('@apify/log') as { default: typeof Log }).default;
log.setLevel(log.LEVELS.OFF);

export interface Target {
  name: 'local' | 'apify';
  baseUrl: string;
  token: string;
}

// Tuned for an interactive UI (design.md §4): two retries, short timeouts. Clients are cached so
// keep-alive connections are reused across actions (and the API log's interceptors added once each).
const clients = new Map<string, ApifyClient>();
const MAX_CACHED = 32;

/** `retries: false` for calls whose repetition would not be safe to hide (head/lock). */
export function apifyClient(target: Target, { retries = true } = {}): ApifyClient {
  const key = `${target.baseUrl}\n${target.token}\n${retries}`;
  let client = clients.get(key);
  if (!client) {
    client = new ApifyClient({
      baseUrl: target.baseUrl,
      token: target.token,
      maxRetries: retries ? 2 : 0,
      minDelayBetweenRetriesMillis: 300,
      timeoutSecs: 15,
    });
    // Every HTTP call it makes, retries included, goes to the calling session's API log.
    captureCalls(client.httpClient.axios, target);
    if (clients.size >= MAX_CACHED) clients.delete(clients.keys().next().value as string);
    clients.set(key, client);
  }
  return client;
}
