// Choosing several frames for a bulk action, as file managers do: a plain click picks one frame,
// Ctrl/Cmd+click adds or removes one, Shift+click picks the run from the last plain or Ctrl click
// (the anchor) to the clicked frame, in the order the view shows them. Plain logic, tested apart.

export type PickMode = 'one' | 'toggle' | 'range';

export interface Picking {
  /** The frames chosen for a bulk action, in the order shown; empty: none beyond the selected frame. */
  ids: readonly string[];
  /** Where a Shift+click range starts. */
  anchor: string | null;
}

export const NO_PICKING: Picking = { ids: [], anchor: null };

/** What a click means: Shift extends a range, Ctrl (Cmd on a Mac) toggles, else one frame. */
export function pickMode(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, mac: boolean): PickMode {
  if (event.shiftKey) return 'range';
  return (mac ? event.metaKey : event.ctrlKey) ? 'toggle' : 'one';
}

/**
 * The picking after a click on `id`. `current` is the frame selected before it (a plain click's
 * frame): the first Ctrl+click keeps it picked along with the new one, as a file manager does.
 */
export function pickAfterClick(order: readonly string[], picking: Picking, current: string | null, id: string, mode: PickMode): Picking {
  if (mode === 'one') return { ids: [], anchor: id };
  const start = picking.ids.length > 0 ? picking.ids : current !== null && order.includes(current) ? [current] : [];
  if (mode === 'toggle') {
    const ids = start.includes(id) ? start.filter((p) => p !== id) : [...start, id];
    return { ids: inOrder(order, ids), anchor: id };
  }
  const anchor = picking.anchor !== null && order.includes(picking.anchor) ? picking.anchor : (current ?? id);
  const from = order.indexOf(anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return { ids: [id], anchor: id };
  const run = order.slice(Math.min(from, to), Math.max(from, to) + 1);
  // A range replaces the last range, not what Ctrl+click picked before the anchor.
  return { ids: run, anchor };
}

/** Ctrl+A: every frame the view shows. */
export function pickAll(order: readonly string[]): Picking {
  return { ids: [...order], anchor: order[0] ?? null };
}

/** The picked frames that are still shown (a filter changed, a frame was removed). */
export function shownPicks(order: readonly string[], picking: Picking): string[] {
  const shown = new Set(order);
  return picking.ids.filter((id) => shown.has(id));
}

function inOrder(order: readonly string[], ids: readonly string[]): string[] {
  const chosen = new Set(ids);
  return order.filter((id) => chosen.has(id));
}
