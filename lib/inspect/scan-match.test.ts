import { describe, expect, it } from 'vitest';
import { apiFilterFor, factsOfRow, matchesView } from './scan-match';
import { scanRow } from './scan-row.test-support';
import type { RequestFilter, ScanRow } from './types';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const row = (overrides: Partial<ScanRow> = {}) =>
  scanRow('Zx3dKp9QmW2aB7c', { url: 'https://shop.test/item/1', uniqueKey: 'https://shop.test/item/1', ...overrides });

const ROWS: Record<string, ScanRow> = {
  pending: row(),
  handled: row({ handledAt: '2026-01-01T11:00:00.000Z' }),
  retried: row({ retryCount: 2 }),
  errored: row({ errorCount: 1, lastError: 'boom' }),
  locked: row({ lockExpiresAt: '2026-01-01T12:00:01.000Z' }),
  expired: row({ lockExpiresAt: '2026-01-01T12:00:00.000Z' }),
  handledAndFailed: row({ handledAt: '2026-01-01T11:00:00.000Z', retryCount: 3, errorCount: 3 }),
};

describe('matchesView', () => {
  it.each<[RequestFilter, string[]]>([
    ['all', Object.keys(ROWS)],
    ['handled', ['handled', 'handledAndFailed']],
    ['failed', ['retried', 'errored', 'handledAndFailed']],
    ['pending', ['pending', 'retried', 'errored', 'expired']],
    ['locked', ['locked']],
  ])('%s keeps exactly %j', (filter, expected) => {
    const kept = Object.entries(ROWS).filter(([, r]) => matchesView(factsOfRow(r), { filter }, NOW));
    expect(kept.map(([name]) => name)).toEqual(expected);
  });

  it('urlContains is a case-sensitive substring of the URL, combined with the filter', () => {
    expect(matchesView(factsOfRow(row()), { filter: 'all', urlContains: '/item/' }, NOW)).toBe(true);
    expect(matchesView(factsOfRow(row()), { filter: 'all', urlContains: '/ITEM/' }, NOW)).toBe(false);
    expect(matchesView(factsOfRow(row()), { filter: 'handled', urlContains: '/item/' }, NOW)).toBe(false);
    expect(matchesView(factsOfRow(row()), { filter: 'all', urlContains: '' }, NOW)).toBe(true);
  });
});

describe('apiFilterFor', () => {
  it.each<[RequestFilter, string]>([
    ['all', 'all'],
    ['pending', 'pending'],
    ['locked', 'locked'],
    ['handled', 'all'],
    ['failed', 'all'],
  ])('%s → %s', (filter, expected) => {
    expect(apiFilterFor({ filter, urlContains: 'x' })).toBe(expected);
  });
});
