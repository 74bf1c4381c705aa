import { describe, expect, it } from 'vitest';
import { stepIndex, tabStop } from './roving.ts';

describe('roving tabindex', () => {
  it('gives the one Tab stop to the selected item, else the first', () => {
    expect(tabStop(['a', 'b', 'c'], 'b')).toBe('b');
    expect(tabStop(['a', 'b', 'c'], null)).toBe('a');
    expect(tabStop(['a', 'b', 'c'], 'filtered-out')).toBe('a');
    expect(tabStop([], 'a')).toBeNull();
  });

  it('steps along a row with the arrows, clamped at the ends, and jumps with Home and End', () => {
    expect(stepIndex(0, 'ArrowRight', 3)).toBe(1);
    expect(stepIndex(2, 'ArrowRight', 3)).toBe(2);
    expect(stepIndex(0, 'ArrowLeft', 3)).toBe(0);
    expect(stepIndex(1, 'Home', 3)).toBe(0);
    expect(stepIndex(1, 'End', 3)).toBe(2);
    expect(stepIndex(1, 'a', 3)).toBeNull();
    expect(stepIndex(0, 'ArrowRight', 0)).toBeNull();
  });
});
