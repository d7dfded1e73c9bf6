import { describe, expect, it } from 'vitest';
import { exportResponse } from './export';

// What the export route refuses before it reads the session (the rest needs Next: e2e covers it).

const QUEUE = 'WkzbQMuFYuamGv3YF';
const get = (query: string, headers: Record<string, string> = { 'x-headlock-export': '1' }) =>
  exportResponse(new Request(`http://localhost:3000/queues/${QUEUE}/export?${query}`, { headers }), QUEUE);

describe('exportResponse', () => {
  it.each<Record<string, string>>([{}, { 'x-headlock-export': '0' }, { 'x-headlock-export': 'true' }])(
    'refuses without the header X-Headlock-Export: 1 (%j), saying why',
    async (headers) => {
      const response = await get('format=csv', headers);
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toMatch(/x-headlock-export: 1.*another site/is);
    },
  );

  it.each([
    ['format=xlsx', 'format', /must be one of ndjson, json, csv/],
    ['filter=all', 'format', /must be one of ndjson, json, csv/],
    ['format=csv&filter=done', 'view.filter', /must be one of all, pending, locked, handled, failed/],
    [`format=csv&url=${'x'.repeat(2001)}`, 'view.urlContains', /at most 2,000 characters/],
  ])('%s → 400 naming %s', async (query, field, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.fieldErrors[field]?.join(' ')).toMatch(message);
  });

  it('a crafted queue ID → 400 before anything else', async () => {
    const response = await exportResponse(
      new Request('http://localhost:3000/queues/x/export?format=csv', { headers: { 'x-headlock-export': '1' } }),
      '..%2Fx',
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
  });
});
