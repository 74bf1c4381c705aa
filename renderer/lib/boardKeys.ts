// What a key press on the board screen does, decided apart from the DOM so it can be tested. The
// grid's arrows act when focus is in the grid or nowhere in particular (the page), never when a
// button, a text field or an open dialog has it.
export type BoardKeyAction =
  | { kind: 'move'; key: string }
  | { kind: 'open' }
  | { kind: 'filter' }
  | { kind: 'shortcuts' }
  | { kind: 'close-detail' }
  | { kind: 'blur' }
  | { kind: 'select-all' }
  | { kind: 'clear-picked' }
  | null;

export interface KeyContext {
  key: string;
  /** Ctrl, Alt or Meta held: the key belongs to the browser or the OS. */
  modified: boolean;
  typing: boolean;
  /** Focus is on the page itself or on a frame card. */
  inGrid: boolean;
  dialogOpen: boolean;
  detailOpen: boolean;
  hasSelection: boolean;
  /** Ctrl (Cmd on a Mac) alone held, without Alt: Ctrl+A picks every frame shown. */
  command?: boolean;
  /** Frames are picked for a bulk action: Esc lets them go. */
  hasPicked?: boolean;
}

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

export function boardKeyAction(c: KeyContext): BoardKeyAction {
  // An open dialog handles its own keys (Esc closes it through the dialog's cancel event).
  if (c.dialogOpen) return null;
  // Ctrl+A in the grid or the table picks the frames shown; elsewhere (a text field) it is the browser's.
  if (c.command && c.inGrid && !c.typing && c.key.toLowerCase() === 'a') return { kind: 'select-all' };
  if (c.modified) return null;
  if (c.key === 'Escape') {
    if (c.typing) return { kind: 'blur' };
    if (c.detailOpen) return { kind: 'close-detail' };
    return c.hasPicked ? { kind: 'clear-picked' } : null;
  }
  if (c.typing) return null;
  if (c.key === '?') return { kind: 'shortcuts' };
  if (c.key === '/') return { kind: 'filter' };
  if (!c.inGrid) return null;
  if (MOVES.has(c.key)) return { kind: 'move', key: c.key };
  if (c.key === 'Enter' && c.hasSelection) return { kind: 'open' };
  return null;
}
