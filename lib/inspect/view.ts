import { type RequestView, SCAN_FILTERS } from './types';

/** Whether the view needs a scan of every request: the API has no handled, failed or URL filter. */
export const needsScan = (view: RequestView) =>
  (SCAN_FILTERS as readonly string[]).includes(view.filter) || (view.urlContains ?? '') !== '';

/** The word for what a view's scan finds: "1,234 failed", "56 matching". */
export function foundNoun(view: RequestView): string {
  if (view.filter === 'handled' || view.filter === 'failed') return view.filter;
  return 'matching';
}
