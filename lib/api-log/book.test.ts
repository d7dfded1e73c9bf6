import { describe, expect, it } from 'vitest';
import { ApiLogBook, apiLogBook, type WireCallDraft } from './book';
import { apiLogOf } from './present';

const draft = (path: string, overrides: Partial<WireCallDraft> = {}): WireCallDraft => ({
  startedAt: Date.parse('2026-03-01T10:00:00.000Z'),
  method: 'GET',
  path,
  status: 200,
  durationMs: 3,
  clientKey: 'headlock-test',
  target: 'local',
  baseUrl: 'http://127.0.0.1:3000/emulator',
  body: null,
  bodyTruncated: false,
  ...overrides,
});

const paths = (book: ApiLogBook, sessionId: string) => book.calls(sessionId).map((call) => call.path);

describe('the API log book', () => {
  it('lists a session’s calls newest first, with increasing ids', () => {
    const book = new ApiLogBook();
    for (const path of ['/v2/a', '/v2/b', '/v2/c']) book.record('s1', draft(path));
    expect(paths(book, 's1')).toEqual(['/v2/c', '/v2/b', '/v2/a']);
    const ids = book.calls('s1').map((call) => call.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps only the last maxEntries calls of a session (a ring)', () => {
    const book = new ApiLogBook(5, 10);
    for (let i = 1; i <= 12; i += 1) book.record('s1', draft(`/v2/${i}`));
    expect(paths(book, 's1')).toEqual(['/v2/12', '/v2/11', '/v2/10', '/v2/9', '/v2/8']);
  });

  it('holds 200 calls per session and 100 sessions by default', () => {
    const book = new ApiLogBook();
    for (let i = 0; i < 250; i += 1) book.record('s1', draft(`/v2/${i}`));
    expect(book.calls('s1')).toHaveLength(200);
    expect(book.calls('s1')[199]?.path).toBe('/v2/50');
    for (let i = 0; i < 150; i += 1) book.record(`other-${i}`, draft('/v2/x'));
    expect(book.sessionCount).toBe(100);
  });

  it('drops the least recently used session when there are too many; reading a log counts as use', () => {
    const book = new ApiLogBook(10, 3);
    book.record('a', draft('/v2/a'));
    book.record('b', draft('/v2/b'));
    book.record('c', draft('/v2/c'));
    book.calls('a');
    book.record('d', draft('/v2/d'));
    expect(book.sessionCount).toBe(3);
    expect(paths(book, 'b')).toEqual([]);
    expect(paths(book, 'a')).toEqual(['/v2/a']);
    book.record('c', draft('/v2/c2'));
    book.record('e', draft('/v2/e'));
    expect(paths(book, 'd')).toEqual([]);
    expect(paths(book, 'c')).toEqual(['/v2/c2', '/v2/c']);
  });

  it('never shows one session another’s calls', () => {
    const book = new ApiLogBook();
    book.callLogFor('alice').record(draft('/v2/alice', { clientKey: 'alice-key' }));
    book.callLogFor('bob').record(draft('/v2/bob', { clientKey: 'bob-key' }));
    expect(paths(book, 'alice')).toEqual(['/v2/alice']);
    expect(paths(book, 'bob')).toEqual(['/v2/bob']);
    expect(paths(book, 'carol')).toEqual([]);
    expect(book.sessionCount).toBe(2);
  });

  it('a session’s call log gives back each call with the ID the book gave it', () => {
    const book = new ApiLogBook();
    const first = book.callLogFor('alice').record(draft('/v2/one'));
    const second = book.callLogFor('bob').record(draft('/v2/two'));
    expect(first?.id).toBeLessThan(second?.id ?? 0);
    expect(book.calls('alice')[0]?.id).toBe(first?.id);
  });

  it('clear empties one session’s log; drop (logout) forgets the session', () => {
    const book = new ApiLogBook();
    book.record('a', draft('/v2/a'));
    book.record('b', draft('/v2/b'));
    book.clear('a');
    expect(paths(book, 'a')).toEqual([]);
    expect(paths(book, 'b')).toEqual(['/v2/b']);
    book.drop('b');
    book.drop(undefined);
    expect(paths(book, 'b')).toEqual([]);
    expect(book.sessionCount).toBe(1);
  });

  it('is one book per process', () => {
    expect(apiLogBook()).toBe(apiLogBook());
  });
});

describe('the API log as the browser gets it', () => {
  it('gives each call its time, its curl, and no header or body field', () => {
    const book = new ApiLogBook();
    book.record(
      's1',
      draft('/v2/request-queues/Q1/requests/batch?clientKey=k', { method: 'POST', body: '[{"url":"x"}]' }),
    );
    const log = apiLogOf('s1', book);
    expect(log.capacity).toBe(200);
    const [entry] = log.entries;
    expect(entry).toEqual({
      id: expect.any(Number),
      at: '2026-03-01T10:00:00.000Z',
      method: 'POST',
      path: '/v2/request-queues/Q1/requests/batch?clientKey=k',
      status: 200,
      durationMs: 3,
      clientKey: 'headlock-test',
      target: 'local',
      bodyTruncated: false,
      curl: expect.stringContaining('$APIFY_TOKEN'),
    });
    expect(Object.keys(entry ?? {}).filter((key) => /header|authori|token|cookie/i.test(key))).toEqual([]);
  });
});
