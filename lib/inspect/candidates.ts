import { REQUEST_ID_PATTERN } from '../api-contract';
import { requestIdFromUniqueKey } from '../request-id';
import { normalizeUrl } from './normalize-url';
import type { FindMatch } from './types';

export interface Candidate {
  requestId: string;
  as: FindMatch;
}

/**
 * The request IDs a typed text may stand for, most direct first: the text as a request ID, as a
 * uniqueKey (as typed, then trimmed), and as the normalized URL Crawlee keys requests by (without,
 * then with the fragment). Each ID once, under the first way that led to it.
 */
export function findCandidates(text: string): Candidate[] {
  const trimmed = text.trim();
  const keyed = (uniqueKey: string | null, as: FindMatch): Candidate[] =>
    uniqueKey === null ? [] : [{ requestId: requestIdFromUniqueKey(uniqueKey), as }];
  const all: Candidate[] = [
    ...(REQUEST_ID_PATTERN.test(trimmed) ? [{ requestId: trimmed, as: 'request ID' as const }] : []),
    ...keyed(text, 'uniqueKey'),
    ...keyed(trimmed, 'uniqueKey'),
    ...keyed(normalizeUrl(text), 'normalized URL'),
    ...keyed(normalizeUrl(text, { keepFragment: true }), 'normalized URL'),
  ];
  const seen = new Set<string>();
  return all.filter((candidate) => !seen.has(candidate.requestId) && seen.add(candidate.requestId));
}
