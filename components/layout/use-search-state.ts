'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import { readSearch, type SearchChanges, type SearchSchema, writeSearch } from '@/lib/search-params';

/**
 * Shareable UI state lives in the URL: the params `schema` describes, read with their defaults, and
 * a writer that changes several at once. Give it a schema defined once per module (it is a dependency).
 *
 * The writer starts from the URL as it is at that moment (two quick changes both land) and replaces it
 * through the history API, which Next's router follows: pages read these params only in the browser,
 * so a change needs no round trip to the server.
 */
export function useSearchState<Schema extends SearchSchema>(
  schema: Schema,
): [z.output<Schema>, (changes: SearchChanges<z.output<Schema>>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const values = useMemo(() => readSearch(schema, params), [schema, params]);
  const set = useCallback(
    (changes: SearchChanges<z.output<Schema>>) => {
      const query = writeSearch(schema, window.location.search.slice(1), changes);
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [schema, pathname],
  );
  return [values, set];
}
