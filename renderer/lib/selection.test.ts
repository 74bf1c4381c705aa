import { describe, expect, it } from 'vitest';
import { NO_PICKING, pickAfterClick, pickAll, pickMode, shownPicks, type Picking } from './selection.ts';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('picking frames for a bulk action', () => {
  it('reads the click: Shift extends, Ctrl toggles (Cmd on a Mac), else one frame', () => {
    const click = (keys: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }>) => ({
      shiftKey: false,
      ctrlKey: false,
      metaKey: false,
      ...keys,
    });
    expect(pickMode(click({}), false)).toBe('one');
    expect(pickMode(click({ ctrlKey: true }), false)).toBe('toggle');
    expect(pickMode(click({ metaKey: true }), false)).toBe('one');
    expect(pickMode(click({ metaKey: true }), true)).toBe('toggle');
    expect(pickMode(click({ ctrlKey: true }), true)).toBe('one');
    expect(pickMode(click({ shiftKey: true, ctrlKey: true }), false)).toBe('range');
  });

  it('a plain click picks nothing beyond the frame and sets the anchor', () => {
    expect(pickAfterClick(order, { ids: ['a', 'b'], anchor: 'a' }, 'a', 'd', 'one')).toEqual({ ids: [], anchor: 'd' });
  });

  it('the first Ctrl+click keeps the selected frame; later ones add and remove, in the order shown', () => {
    let p: Picking = pickAfterClick(order, NO_PICKING, 'c', 'a', 'toggle');
    expect(p).toEqual({ ids: ['a', 'c'], anchor: 'a' });
    p = pickAfterClick(order, p, 'a', 'e', 'toggle');
    expect(p.ids).toEqual(['a', 'c', 'e']);
    p = pickAfterClick(order, p, 'e', 'c', 'toggle');
    expect(p.ids).toEqual(['a', 'e']);
    // Nothing selected yet: the clicked frame alone.
    expect(pickAfterClick(order, NO_PICKING, null, 'b', 'toggle').ids).toEqual(['b']);
  });

  it('Shift+click picks the run from the anchor, either way, and a second Shift+click moves its end', () => {
    const start = pickAfterClick(order, NO_PICKING, null, 'b', 'one');
    let p = pickAfterClick(order, start, 'b', 'e', 'range');
    expect(p).toEqual({ ids: ['b', 'c', 'd', 'e'], anchor: 'b' });
    p = pickAfterClick(order, p, 'e', 'a', 'range');
    expect(p).toEqual({ ids: ['a', 'b'], anchor: 'b' });
    // No anchor on this view (sorted differently, filtered away): from the selected frame.
    expect(pickAfterClick(order, { ids: [], anchor: 'zz' }, 'd', 'f', 'range').ids).toEqual(['d', 'e', 'f']);
    expect(pickAfterClick(order, NO_PICKING, null, 'c', 'range').ids).toEqual(['c']);
  });

  it('Ctrl+A picks every frame shown; picks no longer shown drop out', () => {
    expect(pickAll(order)).toEqual({ ids: order, anchor: 'a' });
    expect(pickAll([])).toEqual({ ids: [], anchor: null });
    expect(shownPicks(['a', 'c'], { ids: ['a', 'b', 'c'], anchor: 'a' })).toEqual(['a', 'c']);
  });
});
