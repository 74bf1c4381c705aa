import { describe, expect, it } from 'vitest';
import { boardKeyAction, type KeyContext } from './boardKeys.ts';
import { moveSelection as moveTarget } from './boardModel.ts';

const base: KeyContext = {
  key: 'ArrowRight',
  modified: false,
  typing: false,
  inGrid: true,
  dialogOpen: false,
  detailOpen: false,
  hasSelection: true,
};
const action = (c: Partial<KeyContext>) => boardKeyAction({ ...base, ...c });

describe('board keys', () => {
  it('moves with the arrows, Home and End in the grid only', () => {
    expect(action({})).toEqual({ kind: 'move', key: 'ArrowRight' });
    expect(action({ key: 'End' })).toEqual({ kind: 'move', key: 'End' });
    expect(action({ inGrid: false })).toBeNull();
    expect(action({ typing: true })).toBeNull();
  });

  it('leaves every key to an open dialog, and browser shortcuts to the browser', () => {
    expect(action({ dialogOpen: true, key: 'Escape', detailOpen: true })).toBeNull();
    expect(action({ dialogOpen: true, key: '?' })).toBeNull();
    expect(action({ modified: true })).toBeNull();
  });

  it('opens the shortcut sheet with ?, the filter with /, from anywhere but a text field', () => {
    expect(action({ key: '?', inGrid: false })).toEqual({ kind: 'shortcuts' });
    expect(action({ key: '/', inGrid: false })).toEqual({ kind: 'filter' });
    expect(action({ key: '?', typing: true })).toBeNull();
  });

  it('Esc closes the detail, or leaves a text field first', () => {
    expect(action({ key: 'Escape', detailOpen: true })).toEqual({ kind: 'close-detail' });
    expect(action({ key: 'Escape', typing: true, detailOpen: true })).toEqual({ kind: 'blur' });
    expect(action({ key: 'Escape' })).toBeNull();
    expect(action({ key: 'Enter' })).toEqual({ kind: 'open' });
    expect(action({ key: 'Enter', hasSelection: false })).toBeNull();
  });

  it('lands on the right frame, Home and End included', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(moveTarget(order, null, 'ArrowRight', 2)).toBe('a');
    expect(moveTarget(order, 'a', 'ArrowDown', 2)).toBe('c');
    expect(moveTarget(order, 'e', 'ArrowDown', 2)).toBe('e');
    expect(moveTarget(order, 'b', 'ArrowUp', 2)).toBe('a');
    expect(moveTarget(order, 'c', 'Home', 2)).toBe('a');
    expect(moveTarget(order, 'a', 'End', 2)).toBe('e');
    expect(moveTarget([], 'a', 'End', 2)).toBeNull();
  });
});

describe('picking keys', () => {
  it('Ctrl+A in the grid or the table picks every frame; not in a text field, a dialog or with Alt', () => {
    expect(action({ key: 'a', modified: true, command: true })).toEqual({ kind: 'select-all' });
    expect(action({ key: 'A', modified: true, command: true })).toEqual({ kind: 'select-all' });
    expect(action({ key: 'a', modified: true, command: true, typing: true })).toBeNull();
    expect(action({ key: 'a', modified: true, command: true, inGrid: false })).toBeNull();
    expect(action({ key: 'a', modified: true, command: true, dialogOpen: true })).toBeNull();
    expect(action({ key: 'a', modified: true, command: false })).toBeNull();
    expect(action({ key: 'a' })).toBeNull();
  });

  it('Esc closes the detail first, then lets the picked frames go', () => {
    expect(action({ key: 'Escape', detailOpen: true, hasPicked: true })).toEqual({ kind: 'close-detail' });
    expect(action({ key: 'Escape', hasPicked: true })).toEqual({ kind: 'clear-picked' });
    expect(action({ key: 'Escape', hasPicked: true, typing: true })).toEqual({ kind: 'blur' });
    expect(action({ key: 'Escape' })).toBeNull();
  });
});
