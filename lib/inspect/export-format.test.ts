import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv.test-support';
import { CSV_HEADER, csvRow, EXPORT_ENCODERS, exportFilename, type RawRequest } from './export-format';
import { CSV_COLUMNS, type EXPORT_FORMATS } from './types';

const HOSTILE = '=HYPERLINK("http://x","y")';
const request = (overrides: RawRequest = {}): RawRequest => ({
  id: 'Zx3dKp9QmW2aB7c',
  uniqueKey: 'https://shop.test/a',
  url: 'https://shop.test/a',
  method: 'GET',
  retryCount: 2,
  handledAt: null,
  errorMessages: ['first\nstack', 'second, "quoted"\r\nat line 2'],
  noRetry: false,
  loadedUrl: null,
  userData: { label: 'DETAIL', note: 'ünïcødé ✓ 漢字' },
  headers: { 'x-a': '1' },
  payload: null,
  ...overrides,
});

const encode = (format: (typeof EXPORT_FORMATS)[number], requests: RawRequest[]) => {
  const encoder = EXPORT_ENCODERS[format];
  return encoder.opening + requests.map((r, i) => encoder.row(r, i === 0)).join('') + encoder.closing;
};

describe('NDJSON and JSON', () => {
  const requests = [request(), request({ id: 'Other123456789a', url: HOSTILE, handledAt: '2026-01-01T00:00:00.000Z' })];

  it('NDJSON: one request per line, every field, parsing back to the requests', () => {
    const text = encode('ndjson', requests);
    expect(text.split('\n')).toHaveLength(3);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(requests);
  });

  it.each([[[]], [[request()]], [requests]])('JSON of %# requests parses back to them, one per line', (rows) => {
    const text = encode('json', rows);
    expect(JSON.parse(text)).toEqual(rows);
    expect(text.startsWith('[\n') && text.endsWith('\n]\n')).toBe(true);
    expect(text.slice(2, -3).split(',\n')).toHaveLength(Math.max(rows.length, 1));
  });

  it('writes dates given as Date objects as ISO strings', () => {
    const text = encode('ndjson', [request({ handledAt: new Date('2026-02-03T04:05:06.007Z') })]);
    expect(JSON.parse(text).handledAt).toBe('2026-02-03T04:05:06.007Z');
  });
});

describe('CSV', () => {
  it('starts with the header row, CRLF line ends', () => {
    expect(CSV_HEADER).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(csvRow(request()).endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and line breaks, and reads back to the values', () => {
    const [row] = csvRecords(encode('csv', [request()]));
    expect(row).toEqual({
      id: 'Zx3dKp9QmW2aB7c',
      uniqueKey: 'https://shop.test/a',
      url: 'https://shop.test/a',
      method: 'GET',
      retryCount: '2',
      handledAt: '',
      errorCount: '2',
      lastError: 'second, "quoted"',
      errorMessages: JSON.stringify(['first\nstack', 'second, "quoted"\r\nat line 2']),
      noRetry: 'false',
      loadedUrl: '',
      userData: JSON.stringify({ label: 'DETAIL', note: 'ünïcødé ✓ 漢字' }),
      lockExpiresAt: '',
    });
  });

  it.each(['url', 'uniqueKey', 'loadedUrl', 'method'])('a formula in %s is written as text', (field) => {
    const [row] = csvRecords(encode('csv', [request({ [field]: HOSTILE })]));
    expect(row?.[field]).toBe(`'${HOSTILE}`);
  });

  it.each([{ a: HOSTILE }, HOSTILE, [HOSTILE]])('userData %j is JSON text that is no formula', (userData) => {
    const [row] = csvRecords(encode('csv', [request({ userData })]));
    expect(row?.userData).not.toMatch(/^[=+\-@\t\r]/);
    expect(JSON.parse(row?.userData ?? '')).toEqual(userData);
  });

  it('a formula as the last error message is written as text', () => {
    const [row] = csvRecords(encode('csv', [request({ errorMessages: [HOSTILE] })]));
    expect(row?.lastError).toBe(`'${HOSTILE}`);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('%j gets a leading quote', (value) => {
    const [row] = csvRecords(encode('csv', [request({ uniqueKey: value })]));
    expect(row?.uniqueKey).toBe(`'${value}`);
  });

  it('numbers it writes itself are not escaped; a negative retryCount stays a number', () => {
    const [row] = csvRecords(encode('csv', [request({ retryCount: -1, errorMessages: [] })]));
    expect(row).toMatchObject({ retryCount: '-1', errorCount: '0', lastError: '', errorMessages: '[]' });
  });

  it('null and missing fields are empty cells, dates ISO', () => {
    const [row] = csvRecords(
      encode('csv', [{ id: 'x', lockExpiresAt: new Date('2026-01-01T00:00:00.000Z'), userData: null }]),
    );
    expect(row).toMatchObject({ url: '', userData: '', noRetry: '', lockExpiresAt: '2026-01-01T00:00:00.000Z' });
  });
});

describe('exportFilename', () => {
  it.each([
    ['shop-products', 'all', 'csv', 'shop-products-all.csv'],
    ['WkzbQMuFYuamGv3YF', 'failed', 'ndjson', 'WkzbQMuFYuamGv3YF-failed.ndjson'],
    ['a"b;c/..\\d\r\n', 'handled', 'json', 'a-b-c-..-d--handled.json'],
    ['../etc', 'all', 'csv', 'etc-all.csv'],
    ['', 'all', 'csv', 'queue-all.csv'],
  ] as const)('%j → %s', (queue, filter, format, expected) => {
    expect(exportFilename(queue, filter, format)).toBe(expected);
  });
});
