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
}

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

export function boardKeyAction(c: KeyContext): BoardKeyAction {
  // An open dialog handles its own keys (Esc closes it through the dialog's cancel event).
  if (c.dialogOpen || c.modified) return null;
  if (c.key === 'Escape') return c.detailOpen && !c.typing ? { kind: 'close-detail' } : c.typing ? { kind: 'blur' } : null;
  if (c.typing) return null;
  if (c.key === '?') return { kind: 'shortcuts' };
  if (c.key === '/') return { kind: 'filter' };
  if (!c.inGrid) return null;
  if (MOVES.has(c.key)) return { kind: 'move', key: c.key };
  if (c.key === 'Enter' && c.hasSelection) return { kind: 'open' };
  return null;
}
