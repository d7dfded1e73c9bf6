'use client';

import { useCallback, useMemo, useState } from 'react';
import { clickRow, emptySelection, toggleAll, withoutRows } from '@/lib/inspect/selection';

/** The selected rows of a requests table, and every way the table and the bulk bar change them. */
export function useRowSelection() {
  const [selection, setSelection] = useState(emptySelection);
  const change = useMemo(
    () => ({
      /** A checkbox click; shift extends from the last row clicked, in `ordered` (the rows as shown). */
      click: (ordered: readonly string[], id: string, shift: boolean) =>
        setSelection((current) => clickRow(current, ordered, id, shift)),
      /** Selects these rows, or clears them when all already are. */
      toggle: (ids: readonly string[]) => setSelection((current) => toggleAll(current, ids)),
      /** Exactly these rows (a failure group). */
      only: (ids: readonly string[]) => setSelection({ ids: new Set(ids), anchor: null }),
      clear: () => setSelection(emptySelection),
      /** Rows that no longer exist leave the selection. */
      drop: (ids: readonly string[]) => setSelection((current) => withoutRows(current, ids)),
    }),
    [],
  );
  const selectedIds = useMemo(() => [...selection.ids], [selection]);
  return { selection, selectedIds, ...change, has: useCallback((id: string) => selection.ids.has(id), [selection]) };
}
