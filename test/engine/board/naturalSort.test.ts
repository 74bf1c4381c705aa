import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../../electron/engine/board/naturalSort.ts';

const sorted = (names: string[]) => [...names].sort(naturalCompare);

describe('naturalCompare', () => {
  it('puts shot2 before shot10 and ignores case', () => {
    expect(sorted(['shot10.png', 'Shot2.png', 'shot1.png', 'SHOT3.png'])).toEqual(['shot1.png', 'Shot2.png', 'SHOT3.png', 'shot10.png']);
  });

  it('compares every number in the name, however long', () => {
    expect(sorted(['sc2_sh10', 'sc10_sh1', 'sc2_sh9', 'sc2_sh100000000000000000002', 'sc2_sh100000000000000000001'])).toEqual([
      'sc2_sh9',
      'sc2_sh10',
      'sc2_sh100000000000000000001',
      'sc2_sh100000000000000000002',
      'sc10_sh1',
    ]);
  });

  it('gives names that differ only in case or zero padding one fixed order, whatever order they came in', () => {
    const a = sorted(['shot1.png', 'Shot1.png', 'shot01.png', 'SHOT1.png']);
    const b = sorted(['SHOT1.png', 'shot01.png', 'Shot1.png', 'shot1.png']);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(4);
    expect(naturalCompare('Shot1.png', 'shot1.png')).toBeLessThan(0);
    expect(naturalCompare('shot1.png', 'Shot1.png')).toBeGreaterThan(0);
  });

  it('sorts a prefix before its longer names', () => {
    expect(sorted(['shot1b', 'shot1', 'shot1a'])).toEqual(['shot1', 'shot1a', 'shot1b']);
  });
});
