import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  addRequestsInput,
  clientKeyInput,
  deleteLockInput,
  deleteRequestsInput,
  listQueuesInput,
  listRequestsInput,
  lockHeadInput,
  prolongLockInput,
  queueIdInput,
  requestIdInput,
  snapshotInput,
  updateRequestInput,
} from './action-inputs';

const QUEUE = 'WkzbQMuFYuamGv3YF';
const REQUEST = 'Zx3dKp9QmW2aB7c';

// IDs reach apify-client's URL paths unencoded, so anything that could retarget a path must fail.
const CRAFTED_IDS: [what: string, id: string][] = [
  ['parent directory', '../x'],
  ['bare dot-dot', '..'],
  ['query', 'a?b'],
  ['fragment', 'a#b'],
  ['encoded dots', '%2e%2e'],
  ['encoded slash', 'a%2Fb'],
  ['slash', 'a/b'],
  ['backslash', 'a\\b'],
  ['empty', ''],
  ['41 characters', 'a'.repeat(41)],
  ['inner space', 'a b'],
  ['leading space', ' abc'],
  ['trailing newline', 'abc\n'],
  ['ampersand', 'a&clientKey=x'],
];

describe('queueIdInput', () => {
  it.each([
    ['a 17-character ID', QUEUE],
    ['a 1-character ID', 'a'],
    ['a 40-character ID', 'a'.repeat(40)],
    ['~name', '~my-queue'],
    ['username~name', 'local~my-queue'],
    ['username with dots and underscores', 'jane.doe_1~crawl-2'],
    ['63-character name', `~a${'b'.repeat(61)}c`],
  ])('accepts %s', (_, value) => {
    expect(queueIdInput.safeParse(value).success).toBe(true);
  });

  it.each([
    ...CRAFTED_IDS,
    ['name with a slash', 'jane/my-queue'],
    ['name ending in a hyphen', '~queue-'],
    ['name starting with a hyphen', '~-queue'],
    ['64-character name', `~${'a'.repeat(64)}`],
    ['two tildes', 'a~b~c'],
    ['tilde alone', '~'],
    ['name with a dot', '~my.queue'],
    ['name with a question mark', '~a?b'],
  ])('rejects %s', (_, value) => {
    expect(queueIdInput.safeParse(value).success).toBe(false);
  });

  it.each([null, undefined, 17, {}, ['abc']])('rejects the non-string %j', (value) => {
    expect(queueIdInput.safeParse(value).success).toBe(false);
  });
});

describe('requestIdInput', () => {
  it.each([
    ['a 15-character ID', REQUEST],
    ['digits only', '123456789012345'],
    ['40 characters', 'A'.repeat(40)],
  ])('accepts %s', (_, value) => {
    expect(requestIdInput.safeParse(value).success).toBe(true);
  });

  it.each([...CRAFTED_IDS, ['base64 plus', 'ab+cd'], ['base64 equals', 'abcd='], ['tilde', '~abc']])(
    'rejects %s',
    (_, value) => {
      expect(requestIdInput.safeParse(value).success).toBe(false);
    },
  );
});

describe('clientKeyInput', () => {
  it.each([
    ['one character', 'k'],
    ['32 characters', 'k'.repeat(32)],
    ['dots, dashes and underscores', 'headlock.dash-board_1'],
  ])('accepts %s', (_, value) => {
    expect(clientKeyInput.safeParse(value).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['33 characters', 'k'.repeat(33)],
    ['a space', 'my key'],
    ['a slash', 'a/b'],
    ['a query', 'a?b'],
    ['an ampersand', 'a&b'],
    ['a tilde', 'a~b'],
    ['non-ASCII letters', 'schlüssel'],
  ])('rejects %s', (_, value) => {
    expect(clientKeyInput.safeParse(value).success).toBe(false);
  });
});

describe('lockSecs (lockHeadInput and prolongLockInput)', () => {
  const lock = (lockSecs: unknown) => lockHeadInput.safeParse({ queueId: QUEUE, lockSecs, limit: 1 }).success;
  const prolong = (lockSecs: unknown) =>
    prolongLockInput.safeParse({ queueId: QUEUE, requestId: REQUEST, lockSecs }).success;

  it.each([
    ['a fraction', 0.5],
    ['one second', 1],
    ['a minute and a half', 90.5],
    ['24 hours', 86_400],
  ])('accepts %s', (_, value) => {
    expect(lock(value)).toBe(true);
    expect(prolong(value)).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['negative', -1],
    ['more than 24 hours', 86_401],
    ['infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a numeric string', '60'],
    ['missing', undefined],
  ])('rejects %s', (_, value) => {
    expect(lock(value)).toBe(false);
    expect(prolong(value)).toBe(false);
  });
});

describe('lock limit (lockHeadInput)', () => {
  const parse = (limit: unknown) => lockHeadInput.safeParse({ queueId: QUEUE, lockSecs: 60, limit });

  it.each([1, 10, 25])('accepts %d', (limit) => {
    expect(parse(limit).success).toBe(true);
  });

  it.each([0, -1, 26, 1.5, '5', undefined])('rejects %j', (limit) => {
    const result = parse(limit);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['limit']);
  });
});

describe('head limit (snapshotInput)', () => {
  it.each([1, 100, 1000])('accepts %d', (limit) => {
    expect(snapshotInput.safeParse({ queueId: QUEUE, limit }).success).toBe(true);
  });

  it.each([0, -5, 1001, 2.5])('rejects %d', (limit) => {
    expect(snapshotInput.safeParse({ queueId: QUEUE, limit }).success).toBe(false);
  });

  it('defaults to 100; whether the head is read is the server’s decision, not the caller’s', () => {
    expect(snapshotInput.parse({ queueId: QUEUE, includeHead: true })).toEqual({ queueId: QUEUE, limit: 100 });
  });
});

describe('addRequestsInput', () => {
  const parse = (urls: unknown) => addRequestsInput.safeParse({ queueId: QUEUE, urls });

  it.each([
    ['http', 'http://example.test/'],
    ['https with query', 'https://example.test/a?b=1#c'],
    ['a port', 'http://127.0.0.1:8080/x'],
  ])('accepts %s', (_, url) => {
    expect(parse([url]).data?.urls).toEqual([url]);
  });

  it('trims surrounding whitespace', () => {
    expect(parse(['  https://example.test/a \n']).data?.urls).toEqual(['https://example.test/a']);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with leading space', '  javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ftp:', 'ftp://example.test/file'],
    ['file:', 'file:///etc/passwd'],
    ['mailto:', 'mailto:someone@example.test'],
    ['not a URL', 'example.test/path'],
    ['empty', ''],
    ['blank', '   '],
    ['over 2000 characters', `https://example.test/${'a'.repeat(2000)}`],
  ])('rejects %s', (_, url) => {
    const result = parse(['https://ok.test/', url]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['urls', 1]);
  });

  it.each([
    ['no URLs', []],
    ['more than 10,000 URLs', Array.from({ length: 10_001 }, (_, i) => `https://example.test/${i}`)],
    ['a string instead of a list', 'https://example.test/'],
  ])('rejects %s', (_, urls) => {
    expect(parse(urls).success).toBe(false);
  });

  it('defaults forefront to false', () => {
    expect(parse(['https://example.test/']).data?.forefront).toBe(false);
  });
});

describe('every input with IDs checks them', () => {
  const schemas: [name: string, schema: z.ZodType, rest: Record<string, unknown>][] = [
    ['deleteLockInput', deleteLockInput, {}],
    ['updateRequestInput', updateRequestInput, { change: 'mark-handled' }],
    ['prolongLockInput', prolongLockInput, { lockSecs: 60 }],
  ];

  it.each(schemas)('%s accepts valid IDs', (_, schema, rest) => {
    expect(schema.safeParse({ queueId: QUEUE, requestId: REQUEST, ...rest }).success).toBe(true);
  });

  it.each(
    schemas.flatMap(([name, schema, rest]) => CRAFTED_IDS.map(([what, id]) => [name, what, schema, rest, id] as const)),
  )('%s rejects a %s request ID', (_, __, schema, rest, id) => {
    expect(schema.safeParse({ queueId: QUEUE, requestId: id, ...rest }).success).toBe(false);
  });

  it.each(CRAFTED_IDS)('deleteRequestsInput rejects a %s ID among valid ones', (_, id) => {
    expect(deleteRequestsInput.safeParse({ queueId: QUEUE, requestIds: [REQUEST, id] }).success).toBe(false);
  });

  it('deleteRequestsInput takes 1 to 1000 IDs', () => {
    expect(deleteRequestsInput.safeParse({ queueId: QUEUE, requestIds: [] }).success).toBe(false);
    expect(deleteRequestsInput.safeParse({ queueId: QUEUE, requestIds: Array(1000).fill(REQUEST) }).success).toBe(true);
    expect(deleteRequestsInput.safeParse({ queueId: QUEUE, requestIds: Array(1001).fill(REQUEST) }).success).toBe(
      false,
    );
  });

  it('updateRequestInput only knows mark-handled and reclaim', () => {
    expect(updateRequestInput.safeParse({ queueId: QUEUE, requestId: REQUEST, change: 'delete' }).success).toBe(false);
  });
});

describe('list inputs', () => {
  it('listQueuesInput fills its defaults and caps the limit at 1000', () => {
    expect(listQueuesInput.parse({})).toEqual({ offset: 0, limit: 100, desc: false, unnamed: false });
    expect(listQueuesInput.safeParse({ limit: 1001 }).success).toBe(false);
    expect(listQueuesInput.safeParse({ offset: -1 }).success).toBe(false);
  });

  it.each([
    [{ filter: 'handled' }, false],
    [{ filter: 'locked' }, true],
    [{ limit: 0 }, false],
    [{ limit: 1001 }, false],
    [{ cursor: 'c'.repeat(500) }, true],
    [{ cursor: 'c'.repeat(501) }, false],
  ])('listRequestsInput %j → valid %s', (extra, valid) => {
    expect(listRequestsInput.safeParse({ queueId: QUEUE, ...extra }).success).toBe(valid);
  });
});
