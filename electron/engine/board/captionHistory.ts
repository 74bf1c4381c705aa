// The board's one undo history of caption edits, as editors keep it: an undo stack and a redo
// stack, each entry labelled for the menu ("caption of shot 1C"). Undo takes the latest edit of
// the board, or the latest edit of one frame (the detail panel's Undo must never revert a frame
// that is not on screen); a new edit clears redo, as everywhere. One step may hold the edits of
// several frames (two swapped captions put right): undo takes them back together, last first.
// Bookkeeping only: the file work is captionWriter's.
import type { CaptionEdit, EditHistory, Frame } from '../../common/api.ts';

export interface HistoryEntry {
  /** The frame the step is shown for: its first edit's. */
  frameId: string;
  label: string;
  /** In the order they were written; undo goes the other way. */
  edits: CaptionEdit[];
}

type Shot = Pick<Frame, 'shot' | 'id'>;
const shotName = (frame: Shot) => frame.shot.label || frame.id;

export function captionLabel(frame: Shot): string {
  return `caption of shot ${shotName(frame)}`;
}

/** "caption swap of shots 1A and 1B". */
export function swapLabel(a: Shot, b: Shot): string {
  return `caption swap of shots ${shotName(a)} and ${shotName(b)}`;
}

export class CaptionHistory {
  // Oldest first: the next undo is the last entry.
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  /** A new step: redo is gone (it would replay onto text the person has since replaced). */
  record(edits: CaptionEdit | readonly CaptionEdit[], label: string): void {
    const list = Array.isArray(edits) ? [...(edits as readonly CaptionEdit[])] : [edits as CaptionEdit];
    if (list.length === 0) return;
    this.undoStack.push({ frameId: list[0]!.frameId, label, edits: list });
    this.redoStack = [];
  }

  /** The step undo would take back: the board's latest, or the latest that edited that frame. */
  nextUndo(frameId?: string): HistoryEntry | undefined {
    return frameId === undefined ? this.undoStack.at(-1) : this.undoStack.findLast((e) => e.edits.some((edit) => edit.frameId === frameId));
  }

  nextRedo(): HistoryEntry | undefined {
    return this.redoStack.at(-1);
  }

  /** The entry's edits were undone on disk: it moves to redo. */
  undone(entry: HistoryEntry): void {
    this.undoStack = this.undoStack.filter((e) => e !== entry);
    this.redoStack.push(entry);
  }

  /** The entry was written again as `edits`: back on the undo stack, the rest of redo kept. */
  redone(entry: HistoryEntry, edits: readonly CaptionEdit[]): void {
    this.redoStack = this.redoStack.filter((e) => e !== entry);
    this.undoStack.push({ ...entry, edits: [...edits] });
  }

  /** What the app shows: labels, next first. */
  summary(): EditHistory {
    const view = (e: HistoryEntry) => ({ frameId: e.frameId, label: e.label });
    return { undo: this.undoStack.map(view).reverse(), redo: this.redoStack.map(view).reverse() };
  }
}
