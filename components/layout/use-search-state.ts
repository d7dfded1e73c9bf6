'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import { readSearch, type SearchChanges, type SearchSchema, writeSearch } from '@/lib/search-params';

/**
 * Shareable UI state lives in the URL: the params `schema` describes, read with their defaults, and
 * a writer that changes several at once. Give it a schema defined once per module (it is a dependency).
 */
export function useSearchState<Schema extends SearchSchema>(
  schema: Schema,
): [z.output<Schema>, (changes: SearchChanges<z.output<Schema>>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = useMemo(() => readSearch(schema, params), [schema, params]);
  const set = useCallback(
    (changes: SearchChanges<z.output<Schema>>) => {
      const query = writeSearch(schema, params.toString(), changes);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [schema, params, pathname, router],
  );
  return [values, set];
}
