import 'server-only';
import { scanPageInput } from '../action-inputs';
import { apiFilterFor, matchesView } from '../inspect/scan-match';
import { type RequestView, SCAN_PAGE_SIZE, type ScanPage, type ScanRow } from '../inspect/types';
import { toScanRow, viewFacts } from './dto';
import { type GatewayContext, gatewayCall, registeringReader } from './gateway';

/** The `listRequests` options of one scan page: the API's largest page, narrowed as far as the API can. */
export function scanListOptions(view: RequestView, cursor: string | undefined, limit = SCAN_PAGE_SIZE) {
  const filter = apiFilterFor(view);
  return {
    limit,
    ...(cursor ? { cursor } : {}),
    ...(filter === 'all' ? {} : { filter: [filter] }),
  };
}

/**
 * One page of a scan: one `listRequests` call of up to 10,000 requests (it sends the clientKey, so the
 * acknowledgement rule applies), of which only the rows in the view come back.
 */
export function scanPage(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, scanPageInput, input, { write: false }, async (args): Promise<ScanPage> => {
    const reader = await registeringReader(ctx, args.queueId);
    const page = await reader.listRequests(scanListOptions(args.view, args.cursor));
    const now = Date.now();
    const rows: ScanRow[] = [];
    for (const item of page.items) {
      if (matchesView(viewFacts(item), args.view, now)) rows.push(toScanRow(item));
    }
    return {
      rows,
      read: page.items.length,
      nextCursor: page.nextCursor ?? null,
      serverNow: new Date(now).toISOString(),
    };
  });
}
