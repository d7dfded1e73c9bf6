import { z } from 'zod';
import { clientKeyInput, queueIdInput } from '../action-inputs';

// The ops cockpit's action inputs. They live apart from lib/action-inputs.ts only because the browser
// bundles that module whole (its forms validate with it), and these are checked on the server alone.

/** What the ops cockpit judges a queue's recorded history with (the page's URL carries them). */
export const activityInput = z.object({
  queueId: queueIdInput,
  silentAfter: z
    .number()
    .int('must be a whole number of seconds')
    .min(2, 'must be at least 2 seconds (a holder is silent after this long without an action)')
    .max(3600, 'must be at most 3600 seconds (one hour)')
    .default(60),
  poisonAt: z
    .number()
    .int('must be a whole number of retries')
    .min(1, 'must be at least 1 retry')
    .max(100, 'must be at most 100 retries')
    .default(3),
  windowMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 1440 minutes (the 24 hours recorded)')
    .default(30),
});
/** Releases every lock one holder has on the queue, sending that holder's clientKey once. */
export const releaseHolderInput = z.object({ queueId: queueIdInput, clientKey: clientKeyInput });
export const queueMarksInput = z.object({ queueIds: z.array(queueIdInput).max(100, 'at most 100 queues at once') });
