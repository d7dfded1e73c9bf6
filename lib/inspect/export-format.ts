import { lastErrorOf } from './last-error';
import { CSV_COLUMNS, type ExportFormat, type RequestFilter } from './types';

// One request per line, whatever the queue's size: each encoder turns a request into text on its
// own, so an export stream never holds more than the page it is writing.

/** A request as the API returns it (dates may be Date objects, as apify-client parses them). */
export type RawRequest = Record<string, unknown>;

/** What a file of one format starts with, how each request is written, and what it ends with. */
export interface ExportEncoder {
  opening: string;
  row(request: RawRequest, first: boolean): string;
  closing: string;
}

export const ndjsonRow = (request: RawRequest) => `${JSON.stringify(request)}\n`;

export const JSON_OPENING = '[\n';
export const jsonRow = (request: RawRequest, first: boolean) => `${first ? '' : ',\n'}${JSON.stringify(request)}`;
export const JSON_CLOSING = '\n]\n';

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Untrusted text as a spreadsheet cell: never a formula. */
const textCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return textCell(typeof value === 'string' ? value : JSON.stringify(value));
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const quoted = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

const csvLine = (fields: string[]) => `${fields.map(quoted).join(',')}\r\n`;

export const CSV_HEADER = csvLine([...CSV_COLUMNS]);

const jsonText = (value: unknown) => (value === null || value === undefined ? '' : textCell(JSON.stringify(value)));

const CSV_CELLS: Record<(typeof CSV_COLUMNS)[number], (request: RawRequest) => string> = {
  id: (r) => cell(r.id),
  uniqueKey: (r) => cell(r.uniqueKey),
  url: (r) => cell(r.url),
  method: (r) => cell(r.method),
  retryCount: (r) => cell(r.retryCount),
  handledAt: (r) => cell(r.handledAt),
  errorCount: (r) => String(Array.isArray(r.errorMessages) ? r.errorMessages.length : 0),
  lastError: (r) => cell(lastErrorOf(r.errorMessages)),
  errorMessages: (r) => jsonText(r.errorMessages),
  noRetry: (r) => cell(r.noRetry),
  loadedUrl: (r) => cell(r.loadedUrl),
  userData: (r) => jsonText(r.userData),
  lockExpiresAt: (r) => cell(r.lockExpiresAt),
};

export const csvRow = (request: RawRequest) => csvLine(CSV_COLUMNS.map((column) => CSV_CELLS[column](request)));

export const EXPORT_ENCODERS: Record<ExportFormat, ExportEncoder> = {
  ndjson: { opening: '', row: ndjsonRow, closing: '' },
  json: { opening: JSON_OPENING, row: jsonRow, closing: JSON_CLOSING },
  csv: { opening: CSV_HEADER, row: csvRow, closing: '' },
};

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** `<queue>-<filter>.<format>`, with only characters safe in a Content-Disposition filename. */
export function exportFilename(queue: string, filter: RequestFilter, format: ExportFormat): string {
  const safe =
    queue
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 100) || 'queue';
  return `${safe}-${filter}.${format}`;
}
