import { eventsOf, newestFirst } from './events';
import { type Activity, EVENTS_KEPT, type History, type OpsSettings } from './history';
import { holdersOf } from './holders';
import { observedForMs } from './observation';
import { seriesOf } from './series';
import { verdictsOf } from './verdicts';

// Everything the ops cockpit shows for one queue, read out of its recorded history. Each sample's
// locks are indexed once and every step is a pass over the samples with Maps, so the work grows with
// the history's size (thousands of samples of up to a thousand locks each), never with its square.

export function analyse(history: History, settings: OpsSettings): Activity {
  const events = eventsOf(history);
  const holders = holdersOf(history, settings, events);
  return {
    samples: history.length,
    recordedFrom: history[0]?.at ?? null,
    recordedTo: history.at(-1)?.at ?? null,
    observedForMs: observedForMs(history),
    holders,
    verdicts: verdictsOf(history, holders, settings),
    events: newestFirst(events, EVENTS_KEPT),
    series: seriesOf(history),
  };
}
