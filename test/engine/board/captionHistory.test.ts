// The history's bookkeeping: per-frame undo finds that frame's edit wherever it sits, redo keeps
// its order, a new edit clears redo.
import { describe, expect, it } from 'vitest';
import type { CaptionEdit } from '../../../electron/common/api.ts';
import { CaptionHistory } from '../../../electron/engine/board/index.ts';

const edit = (frameId: string, text: string) => ({ frameId, text }) as CaptionEdit;

describe('CaptionHistory', () => {
  it("takes the board's latest edit, or one frame's latest, and moves it to redo", () => {
    const history = new CaptionHistory();
    history.record(edit('1C', 'a'), 'caption of shot 1C');
    history.record(edit('1A', 'b'), 'caption of shot 1A');
    history.record(edit('1C', 'c'), 'caption of shot 1C');
    expect(history.nextUndo()!.edits[0]!.text).toBe('c');
    const entry = history.nextUndo('1A')!;
    expect(entry.edits[0]!.text).toBe('b');
    history.undone(entry);
    expect(history.nextUndo('1A')).toBeUndefined();
    expect(history.summary()).toEqual({
      undo: [
        { frameId: '1C', label: 'caption of shot 1C' },
        { frameId: '1C', label: 'caption of shot 1C' },
      ],
      redo: [{ frameId: '1A', label: 'caption of shot 1A' }],
    });
    history.redone(history.nextRedo()!, [edit('1A', 'b')]);
    expect(history.summary().undo[0]).toEqual({ frameId: '1A', label: 'caption of shot 1A' });
    expect(history.nextRedo()).toBeUndefined();
  });

  it('forgets redo on a new edit', () => {
    const history = new CaptionHistory();
    history.record(edit('1', 'a'), 'caption of shot 1');
    history.undone(history.nextUndo()!);
    history.record(edit('2', 'b'), 'caption of shot 2');
    expect(history.summary().redo).toEqual([]);
  });

  it('keeps a step of two frames together: either frame finds it, and it undoes as one', () => {
    const history = new CaptionHistory();
    history.record(edit('1', 'a'), 'caption of shot 1');
    history.record([edit('2', 'x'), edit('3', 'y')], 'caption swap of shots 2 and 3');
    expect(history.nextUndo('3')!.edits.map((e) => e.text)).toEqual(['x', 'y']);
    expect(history.nextUndo('2')).toBe(history.nextUndo('3'));
    history.undone(history.nextUndo()!);
    expect(history.summary()).toEqual({
      undo: [{ frameId: '1', label: 'caption of shot 1' }],
      redo: [{ frameId: '2', label: 'caption swap of shots 2 and 3' }],
    });
  });
});
