import { describe, expect, it } from 'vitest';
import { frameUndo, historyCommand, redoLabel, undoLabel } from './history.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the undo history in the app', () => {
  const history = {
    undo: [
      { frameId: 'c', label: 'caption of shot 1C' },
      { frameId: 'a', label: 'caption of shot 1A' },
    ],
    redo: [{ frameId: 'b', label: 'caption of shot 1B' }],
  };

  it('labels Undo and Redo with the next step, and says when there is none', () => {
    expect(undoLabel(history)).toBe('Undo caption of shot 1C');
    expect(redoLabel(history)).toBe('Redo caption of shot 1B');
    expect(undoLabel({ undo: [], redo: [] })).toBe('Nothing to undo');
  });

  it("finds a frame's own edit, not the board's last", () => {
    expect(frameUndo(history, 'a')).toEqual({ frameId: 'a', label: 'caption of shot 1A' });
    expect(frameUndo(history, 'b')).toBeUndefined();
  });

  it('reads Ctrl+Z / Shift+Ctrl+Z / Ctrl+Y, and Cmd on a Mac', () => {
    expect(historyCommand(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(historyCommand(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(historyCommand(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(historyCommand(key('z', { metaKey: true }), true)).toBe('undo');
    expect(historyCommand(key('z', { metaKey: true, shiftKey: true }), true)).toBe('redo');
    expect(historyCommand(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(historyCommand(key('z'), false)).toBeNull();
    expect(historyCommand(key('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});
