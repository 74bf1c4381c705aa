import { describe, expect, it } from 'vitest';
import type { FrameAnalysis, FrameFlag } from '../../electron/common/api.ts';
import { flagFix } from './flagFixes.ts';

const flag = (kind: FrameFlag['kind'], related: string[], acknowledged = false): FrameFlag => ({
  kind,
  severity: 'warning',
  reason: '',
  numbers: {},
  relatedFrameIds: related,
  acknowledged,
});
const shots: Record<string, string> = { 'a.png': '1', 'b.png': '2', 'c.png': '3' };
const shotOf = (id: string) => shots[id];
const analysis = { bestOther: { frameId: 'c.png', shot: '3', cosine: 0.3 } } as FrameAnalysis;

describe('one-click fixes', () => {
  it('a swapped pair swaps with the partner the flag names', () => {
    expect(flagFix(flag('caption-swap', ['b.png']), analysis, shotOf)).toEqual({
      kind: 'swap',
      otherId: 'b.png',
      label: 'Swap captions with shot 2',
    });
  });

  it("a better caption elsewhere takes the named shot's caption, else the analysis's best other", () => {
    expect(flagFix(flag('caption-mismatch', ['b.png']), analysis, shotOf)).toEqual({
      kind: 'take',
      fromId: 'b.png',
      label: "Use shot 2's caption",
    });
    expect(flagFix(flag('caption-mismatch', []), analysis, shotOf)).toMatchObject({ kind: 'take', fromId: 'c.png' });
  });

  it('offers nothing for other kinds, an intended flag, or a partner no longer on the board', () => {
    expect(flagFix(flag('caption-drift', ['b.png']), analysis, shotOf)).toBeNull();
    expect(flagFix(flag('caption-swap', ['b.png'], true), analysis, shotOf)).toBeNull();
    expect(flagFix(flag('caption-swap', ['gone.png']), analysis, shotOf)).toBeNull();
    expect(flagFix(flag('caption-mismatch', []), undefined, shotOf)).toBeNull();
  });
});
