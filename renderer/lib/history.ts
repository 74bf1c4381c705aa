// The board's undo history as the app shows it: the labels on Undo and Redo, whether a frame has
// an edit of its own to undo, and the keys (Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y).
import type { EditHistory } from '../../electron/common/api.ts';

export const EMPTY_HISTORY: EditHistory = { undo: [], redo: [] };

export function undoLabel(history: EditHistory): string {
  const next = history.undo[0];
  return next ? `Undo ${next.label}` : 'Nothing to undo';
}

export function redoLabel(history: EditHistory): string {
  const next = history.redo[0];
  return next ? `Redo ${next.label}` : 'Nothing to redo';
}

/** The frame's own last edit, which its Undo takes back; undefined when it has none. */
export function frameUndo(history: EditHistory, frameId: string): { label: string } | undefined {
  return history.undo.find((step) => step.frameId === frameId);
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * What a key press asks of the history. Cmd on a Mac, Ctrl elsewhere; Shift+Z and (Windows
 * habit) Ctrl+Y redo. In a text field the browser's own text undo wins: the caller checks that.
 */
export function historyCommand(event: KeyLike, mac: boolean): 'undo' | 'redo' | null {
  const command = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!command || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !mac && !event.shiftKey) return 'redo';
  return null;
}
