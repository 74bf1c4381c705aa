// The board's one undo history of caption edits, as editors keep it: an undo stack and a redo
// stack, each entry labelled for the menu ("caption of shot 1C"). Undo takes the latest edit of
// the board, or the latest edit of one frame (the detail panel's Undo must never revert a frame
// that is not on screen); a new edit clears redo, as everywhere. Bookkeeping only: the file work
// is captionWriter's.
import type { CaptionEdit, EditHistory, Frame } from '../../common/api.ts';

export interface HistoryEntry {
  frameId: string;
  label: string;
  edit: CaptionEdit;
}

export function captionLabel(frame: Pick<Frame, 'shot' | 'id'>): string {
  return `caption of shot ${frame.shot.label || frame.id}`;
}

export class CaptionHistory {
  // Oldest first: the next undo is the last entry.
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  /** A new edit: redo is gone (it would replay onto text the person has since replaced). */
  record(edit: CaptionEdit, label: string): void {
    this.undoStack.push({ frameId: edit.frameId, label, edit });
    this.redoStack = [];
  }

  /** The edit undo would take back: the board's latest, or that frame's latest. */
  nextUndo(frameId?: string): HistoryEntry | undefined {
    return frameId === undefined ? this.undoStack.at(-1) : this.undoStack.findLast((e) => e.frameId === frameId);
  }

  nextRedo(): HistoryEntry | undefined {
    return this.redoStack.at(-1);
  }

  /** The entry's edit was undone on disk: it moves to redo. */
  undone(entry: HistoryEntry): void {
    this.undoStack = this.undoStack.filter((e) => e !== entry);
    this.redoStack.push(entry);
  }

  /** The entry was written again as `edit`: back on the undo stack, the rest of redo kept. */
  redone(entry: HistoryEntry, edit: CaptionEdit): void {
    this.redoStack = this.redoStack.filter((e) => e !== entry);
    this.undoStack.push({ ...entry, edit });
  }

  /** What the app shows: labels, next first. */
  summary(): EditHistory {
    const view = (e: HistoryEntry) => ({ frameId: e.frameId, label: e.label });
    return { undo: this.undoStack.map(view).reverse(), redo: this.redoStack.map(view).reverse() };
  }
}
