import { describe, expect, it } from 'vitest';
import type { WireCallDraft } from '../api-log/book';
import { csvRecords } from '../inspect/csv.test-support';
import { CSV_COLUMNS, EXPORT_PAGE_SIZE, type ExportFormat, type RequestFilter } from '../inspect/types';
import { failure, must } from './action-result.test-support';
import { emulatorForThisFile, TOKEN, urlsFor } from './emulator.test-support';
import { exportStream } from './export';

// exportStream over the real chain: gateway → apify-client → HTTP → emulator.

const emulator = emulatorForThisFile('export');
const { store } = emulator;

const seeded = (i: number) => ({
  // Fields named …At are the user's own: exported as stored, not read as dates.
  userData: {
    label: i % 2 ? 'DETAIL' : 'LIST',
    note: `ünïcødé "${i}", line\nbreak`,
    nested: { n: i },
    crawledAt: '2026-01-01',
    seenAt: i,
  },
  headers: { 'x-run': String(i) },
  ...(i % 3 === 0 ? { handledAt: '2026-01-02T03:04:05.678Z' } : {}),
  ...(i % 4 === 0 ? { retryCount: 1, errorMessages: ['=HYPERLINK("http://x","y")', `Error ${i}\nstack`] } : {}),
  ...(i === 5 ? { url: '=HYPERLINK("http://x","y")', uniqueKey: '@SUM(1)' } : {}),
});
/** The queue's requests as the API returns them: what every export must give back. */
const stored = (queueId: string) => store.listRequests(queueId, { limit: 10_000 }).items as Record<string, unknown>[];

async function download(queueId: string, format: ExportFormat, filter: RequestFilter = 'all') {
  const result = must(await exportStream(emulator.ctx(), { queueId, format, view: { filter } }));
  return { ...result, text: await new Response(result.stream).text() };
}

describe('exportStream: the file is the queue', () => {
  const queue = () => emulator.makeQueue(urlsFor('rows', 40), seeded);

  it('NDJSON: one request per line, all fields', async () => {
    const q = queue();
    const { text, contentType, filename, total } = await download(q.id, 'ndjson');
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(stored(q.id));
    expect({ contentType, filename, total }).toEqual({
      contentType: 'application/x-ndjson; charset=utf-8',
      filename: `${q.name}-all.ndjson`,
      total: 40,
    });
  });

  it('JSON: an array of every request, all fields', async () => {
    const q = queue();
    expect(JSON.parse((await download(q.id, 'json')).text)).toEqual(stored(q.id));
  });

  it('CSV: the columns of every request, hostile cells as text', async () => {
    const q = queue();
    const { text } = await download(q.id, 'csv');
    const records = csvRecords(text);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(records.map((record) => record.id)).toEqual(stored(q.id).map((request) => request.id));
    const fifth = records.find((record) => record.id === q.ids[5]);
    expect(fifth).toMatchObject({ url: `'=HYPERLINK("http://x","y")`, uniqueKey: `'@SUM(1)` });
    const fourth = records.find((record) => record.id === q.ids[4]);
    expect(fourth).toMatchObject({ retryCount: '1', errorCount: '2', lastError: 'Error 4', handledAt: '' });
    expect(JSON.parse(fourth?.userData ?? '')).toEqual(seeded(4).userData);
    expect(records.find((record) => record.id === q.ids[3])?.handledAt).toBe('2026-01-02T03:04:05.678Z');
  });

  it('a view narrows the rows; the pending view counts pending requests', async () => {
    const q = queue();
    const handled = csvRecords((await download(q.id, 'csv', 'handled')).text);
    expect(handled.map((r) => r.id).sort()).toEqual(q.ids.filter((_, i) => i % 3 === 0).sort());
    const pending = await download(q.id, 'ndjson', 'pending');
    expect(pending.total).toBe(26);
    expect(pending.filename).toBe(`${q.name}-pending.ndjson`);
    const byUrl = must(
      await exportStream(emulator.ctx(), {
        queueId: q.id,
        format: 'json',
        view: { filter: 'failed', urlContains: 'rows.test/1' },
      }),
    );
    const rows = JSON.parse(await new Response(byUrl.stream).text()) as { url: string }[];
    expect(rows.map((row) => row.url)).toEqual(['https://rows.test/12', 'https://rows.test/16']);
  });
});

describe('exportStream: paging, cancelling, failing', () => {
  const listCalls = () => emulator.seen.filter((call) => call.path.endsWith('/requests')).length;

  it('reads page by page on demand: cancelling after the first page makes no further call', async () => {
    const q = emulator.makeQueue(urlsFor('big', 2 * EXPORT_PAGE_SIZE + 1));
    const { stream } = must(
      await exportStream(emulator.ctx(), { queueId: q.id, format: 'ndjson', view: { filter: 'all' } }),
    );
    expect(listCalls()).toBe(0);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split('\n')).toHaveLength(EXPORT_PAGE_SIZE + 1);
    expect(listCalls()).toBe(1);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listCalls()).toBe(1);
  });

  it('a whole paged export: every request once, each page call logged to the session', async () => {
    const q = emulator.makeQueue(urlsFor('paged', 2 * EXPORT_PAGE_SIZE + 1));
    const logged: WireCallDraft[] = [];
    const callLog = { record: (call: WireCallDraft) => void logged.push(call) };
    const result = must(
      await exportStream(emulator.ctx(), { queueId: q.id, format: 'json', view: { filter: 'all' } }, { callLog }),
    );
    const rows = JSON.parse(await new Response(result.stream).text()) as { id: string }[];
    expect(new Set(rows.map((row) => row.id)).size).toBe(2 * EXPORT_PAGE_SIZE + 1);
    expect(logged.map((call) => call.path.split('?')[0])).toEqual([
      `/v2/request-queues/${q.id}`,
      ...Array(3).fill(`/v2/request-queues/${q.id}/requests`),
    ]);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
  });

  it('an upstream failure mid-stream errors the stream with our own message', async () => {
    const q = emulator.makeQueue(urlsFor('gone', EXPORT_PAGE_SIZE + 1));
    const { stream } = must(
      await exportStream(emulator.ctx(), { queueId: q.id, format: 'csv', view: { filter: 'all' } }),
    );
    const reader = stream.getReader();
    await reader.read();
    store.deleteQueue(q.id);
    await expect(reader.read()).rejects.toThrow(/queue does not exist/);
  });

  it('an unknown queue fails before any byte', async () => {
    const error = failure(
      await exportStream(emulator.ctx(), { queueId: 'NoSuchQueue123456', format: 'csv', view: { filter: 'all' } }),
    );
    expect(error.code).toBe('not-found');
    expect(listCalls()).toBe(0);
  });

  it('an unacknowledged, unshared queue fails before any byte, registering nothing', async () => {
    const q = emulator.makeQueue(urlsFor('ack', 2));
    const ctx = emulator.ctx('dash-B', { acknowledges: () => false });
    const error = failure(await exportStream(ctx, { queueId: q.id, format: 'csv', view: { filter: 'all' } }));
    expect(error.code).toBe('needs-acknowledgement');
    expect(listCalls()).toBe(0);
    expect(store.getQueue(q.id).hadMultipleClients).toBe(false);
  });
});
