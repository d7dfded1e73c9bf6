import { describe, expect, it } from 'vitest';
import { groupFailures, NO_MESSAGE, retryRange } from './failure-groups';
import { scanRow } from './scan-row.test-support';
import { clickRow, emptySelection, toggleAll, withoutRows } from './selection';
import { pageCount, pageOf, sortRows } from './table';
import type { ScanRow } from './types';

const row = scanRow;

describe('groupFailures', () => {
  it('groups by the last error, largest first, with the retry range and every ID', () => {
    const groups = groupFailures([
      row('a', { retryCount: 1, lastError: 'HTTP 503' }),
      row('b', { retryCount: 3, lastError: 'Timeout' }),
      row('c', { retryCount: 2, lastError: 'HTTP 503' }),
      row('d', { retryCount: 3, lastError: 'HTTP 503' }),
      row('e', { retryCount: 2 }),
    ]);
    expect(groups.map((g) => [g.error, g.count, g.minRetries, g.maxRetries, g.requestIds])).toEqual([
      ['HTTP 503', 3, 1, 3, ['a', 'c', 'd']],
      [NO_MESSAGE, 1, 2, 2, ['e']],
      ['Timeout', 1, 3, 3, ['b']],
    ]);
    expect(groups[0]?.example.id).toBe('a');
    expect(retryRange(groups[0] as (typeof groups)[0])).toBe('retried 1–3×');
    expect(retryRange({ minRetries: 2, maxRetries: 2 })).toBe('retried 2×');
  });

  it('gives no groups for no rows', () => {
    expect(groupFailures([])).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = [
    row('a', { retryCount: 2, url: 'https://b.test', handledAt: '2026-01-02T00:00:00.000Z' }),
    row('b', { retryCount: 0, url: 'https://c.test' }),
    row('c', { retryCount: 2, url: 'https://a.test', handledAt: '2026-01-01T00:00:00.000Z' }),
  ];
  const ids = (sorted: readonly ScanRow[]) => sorted.map((r) => r.id).join('');

  it('sorts by retries (stable), URL and handledAt, both ways, without touching the input', () => {
    expect(ids(sortRows(rows, 'retries', 'asc'))).toBe('bac');
    expect(ids(sortRows(rows, 'retries', 'desc'))).toBe('acb');
    expect(ids(sortRows(rows, 'url', 'asc'))).toBe('cab');
    expect(ids(sortRows(rows, 'url', 'desc'))).toBe('bac');
    expect(ids(sortRows(rows, 'handledAt', 'asc'))).toBe('cab');
    expect(ids(sortRows(rows, 'handledAt', 'desc'))).toBe('acb');
    expect(ids(sortRows(rows, 'scan', 'asc'))).toBe('abc');
    expect(ids(sortRows(rows, 'scan', 'desc'))).toBe('cba');
    expect(ids(rows)).toBe('abc');
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  it('cuts pages and clamps the page number into range', () => {
    expect(pageCount(7, 3)).toBe(3);
    expect(pageCount(0, 3)).toBe(1);
    expect(pageOf(items, 2, 3)).toEqual({ page: 2, items: [3, 4, 5] });
    expect(pageOf(items, 3, 3)).toEqual({ page: 3, items: [6] });
    expect(pageOf(items, 99, 3).page).toBe(3);
    expect(pageOf(items, 0, 3).page).toBe(1);
    expect(pageOf(items, Number.NaN, 3).page).toBe(1);
  });
});

describe('selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('toggles one row, and a shift-click sets the range from the anchor', () => {
    let s = clickRow(emptySelection, order, 'b', false);
    s = clickRow(s, order, 'd', true);
    expect([...s.ids].sort()).toEqual(['b', 'c', 'd']);
    s = clickRow(s, order, 'c', false);
    expect([...s.ids].sort()).toEqual(['b', 'd']);
    // The anchor is now c; e is unselected, so a shift-click on e selects c…e.
    s = clickRow(s, order, 'e', true);
    expect([...s.ids].sort()).toEqual(['b', 'c', 'd', 'e']);
    // d is selected, so a shift-click on it (anchor e) clears d…e.
    s = clickRow(s, order, 'd', true);
    expect([...s.ids].sort()).toEqual(['b', 'c']);
    s = clickRow(s, order, 'a', true);
    expect([...s.ids].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a shift-click without an anchor on the page toggles just that row', () => {
    const s = clickRow({ ids: new Set(), anchor: 'gone' }, order, 'c', true);
    expect([...s.ids]).toEqual(['c']);
  });

  it('toggleAll selects every given row, or clears them when all are selected', () => {
    const s = toggleAll(emptySelection, ['a', 'b']);
    expect([...s.ids].sort()).toEqual(['a', 'b']);
    expect([...toggleAll(s, ['a', 'b']).ids]).toEqual([]);
    expect([...toggleAll(s, ['b', 'c']).ids].sort()).toEqual(['a', 'b', 'c']);
  });

  it('withoutRows drops rows (deleted ones), and the anchor with them', () => {
    const s = clickRow(toggleAll(emptySelection, ['a', 'b', 'c']), order, 'b', false);
    expect([...s.ids].sort()).toEqual(['a', 'c']);
    const kept = withoutRows({ ids: new Set(['a', 'b', 'c']), anchor: 'b' }, ['b', 'x']);
    expect(kept).toEqual({ ids: new Set(['a', 'c']), anchor: null });
    expect(withoutRows({ ids: new Set(['a', 'b']), anchor: 'a' }, ['b']).anchor).toBe('a');
  });
});
