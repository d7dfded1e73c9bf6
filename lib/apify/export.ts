import 'server-only';
import { clientKeyOn } from '../acting-as';
import { exportInput } from '../action-inputs';
import type { CallLog } from '../api-log/book';
import { loggingTo } from '../api-log/context';
import { EXPORT_CONTENT_TYPES, EXPORT_ENCODERS, exportFilename, type RawRequest } from '../inspect/export-format';
import { matchesView } from '../inspect/scan-match';
import { EXPORT_PAGE_SIZE, type RequestView } from '../inspect/types';
import { needsScan } from '../inspect/view';
import type { ActionResult } from '../types';
import { viewFacts } from './dto';
import { toActionError } from './errors';
import {
  DEFAULT_BUDGET_MS,
  type GatewayContext,
  gatewayCall,
  keyedQueue,
  mayRegister,
  notAcknowledged,
  plainQueue,
  queueMissing,
  withDeadline,
} from './gateway';
import { scanListOptions } from './scan';

export interface ExportDownload {
  /** The file, one `listRequests` page fetched per pull; cancelling it stops the fetching. */
  stream: ReadableStream<Uint8Array>;
  /** The queue's request count when the export started (its pending count for the pending view). */
  total: number;
  filename: string;
  contentType: string;
}

type ExportArgs = ReturnType<typeof exportInput.parse>;

/**
 * An export of a queue's requests in a view. Everything that can be refused (bad input, unknown
 * queue, unacknowledged registration) is refused before the first byte; the stream then reads one
 * page of up to EXPORT_PAGE_SIZE requests per pull, so it never holds more than one page.
 */
export function exportStream(
  ctx: GatewayContext,
  input: unknown,
  { callLog }: { callLog?: CallLog } = {},
): Promise<ActionResult<ExportDownload>> {
  const logged = <T>(call: () => Promise<T>) => (callLog ? loggingTo(callLog, call) : call());
  return logged(() =>
    gatewayCall(ctx, exportInput, input, { write: false }, async (args): Promise<ExportDownload> => {
      const queue = await plainQueue(ctx, args.queueId).get();
      if (!queue) throw queueMissing();
      if (!mayRegister(ctx, args.queueId, queue)) throw notAcknowledged();
      return {
        stream: pageStream(ctx, args, logged),
        total: args.view.filter === 'pending' ? queue.pendingRequestCount : queue.totalRequestCount,
        filename: exportFilename(queue.name ?? queue.id, args.view.filter, args.format),
        contentType: EXPORT_CONTENT_TYPES[args.format],
      };
    }),
  );
}

/** One `listRequests` page as the API sent it. */
interface RawPage {
  items: RawRequest[];
  nextCursor?: string | null;
}

/**
 * Reads one page of the view through apify-client's HTTP client (its token, retries, timeouts and the
 * API log), but not through its `listRequests`: that turns every field named `…At` into a Date,
 * `userData`'s own fields too, and an export must write what the queue holds.
 */
async function rawPage(ctx: GatewayContext, queueId: string, view: RequestView, cursor: string | undefined) {
  const queue = keyedQueue(ctx, queueId);
  const { filter, ...options } = scanListOptions(view, cursor, EXPORT_PAGE_SIZE);
  const response = await queue.httpClient.call<{ data: RawPage }>({
    url: `${queue.url}/requests`,
    method: 'GET',
    params: { ...queue.params, ...options, filter: filter?.join(','), clientKey: clientKeyOn(ctx, queueId) },
  });
  return response.data.data;
}

function pageStream(
  ctx: GatewayContext,
  { queueId, format, view }: ExportArgs,
  logged: <T>(call: () => Promise<T>) => Promise<T>,
): ReadableStream<Uint8Array> {
  const encoder = EXPORT_ENCODERS[format];
  const bytes = new TextEncoder();
  let cursor: string | undefined;
  let opened = false;
  let written = 0;
  let cancelled = false;
  const scanned = needsScan(view);
  return new ReadableStream<Uint8Array>(
    {
      // A pull that enqueues nothing is not called again: it reads on until a page has rows, or the end.
      async pull(controller) {
        let text = opened ? '' : encoder.opening;
        opened = true;
        for (;;) {
          if (cancelled) return;
          let page: RawPage;
          try {
            page = await logged(() =>
              withDeadline(rawPage(ctx, queueId, view, cursor), ctx.budgetMs ?? DEFAULT_BUDGET_MS),
            );
          } catch (error) {
            if (!cancelled) controller.error(new Error(toActionError(error, ctx.target.token).message));
            return;
          }
          if (cancelled) return;
          const now = Date.now();
          for (const item of page.items) {
            // The API already served the views it has; the others are decided here.
            if (scanned && !matchesView(viewFacts(item), view, now)) continue;
            text += encoder.row(item, written === 0);
            written += 1;
          }
          cursor = page.nextCursor ?? undefined;
          if (!cursor || page.items.length === 0) {
            const rest = text + encoder.closing;
            if (rest) controller.enqueue(bytes.encode(rest));
            controller.close();
            return;
          }
          if (text) {
            controller.enqueue(bytes.encode(text));
            return;
          }
        }
      },
      cancel() {
        cancelled = true;
      },
    },
    // Pulled only when read: a page is fetched when the previous one has gone out, never ahead.
    { highWaterMark: 0 },
  );
}
