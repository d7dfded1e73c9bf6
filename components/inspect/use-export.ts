'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { EXPORT_HEADER, EXPORT_TOTAL_HEADER, type ExportFormat, type RequestView } from '@/lib/inspect/types';

export interface ExportRun {
  format: ExportFormat;
  status: 'running' | 'finished' | 'cancelled' | 'failed';
  /** Lines received: one per request (CSV: plus its header row; JSON: plus its brackets). */
  lines: number;
  bytes: number;
  /** The queue's request count when the export started: an upper bound for the rows. */
  expected: number | null;
  error: string | null;
}

/** Chunks are folded into a Blob every this many bytes, so the browser may keep them off the JS heap. */
const FOLD_BYTES = 8 * 1024 * 1024;
const NEWLINE = 10;

export function exportUrl(queueId: string, format: ExportFormat, view: RequestView) {
  const params = new URLSearchParams({ format, filter: view.filter });
  if (view.urlContains) params.set('url', view.urlContains);
  return `/queues/${queueId}/export?${params}`;
}

function filenameFrom(disposition: string | null, fallback: string) {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? fallback;
}

async function errorText(response: Response) {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through
  }
  return `The export failed (HTTP ${response.status}).`;
}

/**
 * Streams an export from the route handler (the session cookie names the target; the token is never
 * in the URL), counting what arrives for a progress bar, then hands the file to the browser's
 * downloads. Cancel (or leaving the page) aborts the request, which stops the server's paging.
 */
export function useExport(queueId: string) {
  const [run, setRun] = useState<ExportRun | null>(null);
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);

  const start = useCallback(
    async (format: ExportFormat, view: RequestView) => {
      stop.current?.abort();
      const controller = new AbortController();
      stop.current = controller;
      let current: ExportRun = { format, status: 'running', lines: 0, bytes: 0, expected: null, error: null };
      const show = (change: Partial<ExportRun>) => {
        current = { ...current, ...change };
        setRun(current);
      };
      show({});
      try {
        const response = await fetch(exportUrl(queueId, format, view), {
          headers: { [EXPORT_HEADER]: '1' },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) return show({ status: 'failed', error: await errorText(response) });
        const total = Number(response.headers.get(EXPORT_TOTAL_HEADER));
        show({ expected: Number.isFinite(total) ? total : null });
        const reader = response.body.getReader();
        let file = new Blob([]);
        let chunks: Uint8Array<ArrayBuffer>[] = [];
        let chunkBytes = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          let lines = 0;
          for (let at = value.indexOf(NEWLINE); at !== -1; at = value.indexOf(NEWLINE, at + 1)) lines++;
          chunks.push(value as Uint8Array<ArrayBuffer>);
          chunkBytes += value.byteLength;
          if (chunkBytes >= FOLD_BYTES) {
            file = new Blob([file, ...chunks]);
            chunks = [];
            chunkBytes = 0;
          }
          show({ lines: current.lines + lines, bytes: current.bytes + value.byteLength });
        }
        file = new Blob([file, ...chunks], {
          type: response.headers.get('content-type') ?? 'application/octet-stream',
        });
        save(file, filenameFrom(response.headers.get('content-disposition'), `export.${format}`));
        show({ status: 'finished' });
      } catch (error) {
        if (controller.signal.aborted) return show({ status: 'cancelled' });
        show({
          status: 'failed',
          error: `The export broke off: ${error instanceof Error ? error.message : 'network error'}`,
        });
      }
    },
    [queueId],
  );

  const cancel = useCallback(() => stop.current?.abort(), []);
  return { run, start, cancel };
}

function save(file: Blob, filename: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
