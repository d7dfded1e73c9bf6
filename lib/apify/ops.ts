import 'server-only';
import { analyse } from '../ops/analyse';
import { DEFAULT_OPS_SETTINGS } from '../ops/history';
import { activityInput, queueMarksInput, releaseHolderInput } from '../ops/inputs';
import type { QueueActivity, QueueMark, ReleaseHolderResult } from '../types';
import { apifyClient } from './client';
import { type GatewayContext, GatewayFailure, gatewayCall, historyScope, plainQueue, queueMissing } from './gateway';

/** The most samples one analysis reads (the latest ones of its window). */
const SAMPLES_ANALYSED = 3000;
/** The queue list judges each queue on its last few minutes. */
const MARK_WINDOW_MS = 10 * 60 * 1000;
const MARK_SAMPLES = 300;

const noRecorder = () =>
  new GatewayFailure({ code: 'internal', message: 'This server keeps no history (its recorder is off).' });

/**
 * The ops cockpit of one queue: holders, verdicts, events and sparklines, from what was recorded
 * for this account. No upstream call when there is history; without any, the queue is read so that
 * an unknown queue is an error, not an empty page.
 */
export function getQueueActivity(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, activityInput, input, { write: false }, async (args): Promise<QueueActivity> => {
    const recording = ctx.recording;
    if (!recording) throw noRecorder();
    const now = Date.now();
    const history = recording.recorder.history(historyScope(ctx, recording, args.queueId), {
      since: now - args.windowMinutes * 60_000,
      limit: SAMPLES_ANALYSED,
    });
    if (history.length === 0 && !(await plainQueue(ctx, args.queueId).get())) throw queueMissing();
    const settings = { silentAfterSecs: args.silentAfter, poisonAt: args.poisonAt };
    return {
      ...analyse(history, settings),
      settings,
      locksTruncated: history.at(-1)?.locksTruncated ?? false,
      serverNow: new Date(now).toISOString(),
    };
  });
}

/**
 * Releases every lock one holder has on the queue: `POST …/requests/unlock` sent once with that
 * holder's clientKey. The session's own clientKey is not changed; the holder is already a client of
 * the queue, so the call adds no client to it.
 */
export function releaseHolder(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, releaseHolderInput, input, { write: true }, async (args): Promise<ReleaseHolderResult> => {
    const queue = apifyClient(ctx.target).requestQueue(args.queueId, { clientKey: args.clientKey });
    const result = await queue.unlockRequests();
    return { clientKey: args.clientKey, unlockedCount: result.unlockedCount, serverNow: new Date().toISOString() };
  });
}

/** The queue list's marks: each listed queue's latest verdict and pending line, where recorded. */
export function getQueueMarks(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, queueMarksInput, input, { write: false }, async (args): Promise<QueueMark[]> => {
    const recording = ctx.recording;
    if (!recording) return [];
    const since = Date.now() - MARK_WINDOW_MS;
    return args.queueIds.flatMap((queueId): QueueMark[] => {
      const history = recording.recorder.history(historyScope(ctx, recording, queueId), {
        since,
        limit: MARK_SAMPLES,
        glance: true,
      });
      const latest = history.at(-1);
      if (!latest) return [];
      const activity = analyse(history, DEFAULT_OPS_SETTINGS);
      return [
        {
          queueId,
          recordedAt: latest.at,
          verdict: activity.verdicts[0] ?? null,
          pending: activity.series.pending,
        },
      ];
    });
  });
}
