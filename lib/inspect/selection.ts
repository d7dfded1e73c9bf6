/** Selected request IDs and the row a shift-click extends from. */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/**
 * A click on a row's checkbox. A plain click toggles the row and makes it the anchor; a shift-click
 * sets every row from the anchor to it (in the order shown) to the clicked row's new state.
 */
export function clickRow(selection: Selection, orderedIds: readonly string[], id: string, shift: boolean): Selection {
  const ids = new Set(selection.ids);
  const select = !ids.has(id);
  const from = selection.anchor === null ? -1 : orderedIds.indexOf(selection.anchor);
  const to = orderedIds.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    for (const rangeId of orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1)) {
      if (select) ids.add(rangeId);
      else ids.delete(rangeId);
    }
  } else if (select) ids.add(id);
  else ids.delete(id);
  return { ids, anchor: id };
}

/** Selects (or, when all already are, clears) the given rows, e.g. the page shown or everything matching. */
export function toggleAll(selection: Selection, ids: readonly string[]): Selection {
  const all = ids.length > 0 && ids.every((id) => selection.ids.has(id));
  const next = new Set(selection.ids);
  for (const id of ids) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return { ids: next, anchor: selection.anchor };
}

/** The selection without the given rows (e.g. deleted ones). */
export function withoutRows(selection: Selection, ids: readonly string[]): Selection {
  const next = new Set(selection.ids);
  for (const id of ids) next.delete(id);
  return { ids: next, anchor: selection.anchor !== null && next.has(selection.anchor) ? selection.anchor : null };
}
