import { exportResponse } from '@/lib/actions/export';

export const dynamic = 'force-dynamic';

/** The requests of a queue as a file (lib/inspect/types.ts: EXPORT_HEADER). */
export async function GET(request: Request, { params }: { params: Promise<{ queueId: string }> }) {
  return exportResponse(request, (await params).queueId);
}
