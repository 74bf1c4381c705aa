// The flag vocabulary: one label per kind, one "needs a look" rule, one way of counting.
import { describe, expect, it } from 'vitest';
import type { FlagKind, FlagSeverity } from '../../electron/common/api.ts';
import {
  activeFlags,
  countEntries,
  countFlags,
  describeCounts,
  FLAG_VOCABULARY,
  flagLabel,
  frameNeedsLook,
  needsLook,
  orderFlags,
} from '../../electron/common/flags.ts';
import { FLAG_KINDS } from '../../electron/common/values.ts';

const flag = (kind: FlagKind, severity: FlagSeverity = 'warning', acknowledged = false) => ({ kind, severity, acknowledged });

describe('flag vocabulary', () => {
  it('has one distinct label and a meaning for every kind', () => {
    const labels = FLAG_KINDS.map(flagLabel);
    expect(new Set(labels).size).toBe(FLAG_KINDS.length);
    for (const kind of FLAG_KINDS) expect(FLAG_VOCABULARY[kind].meaning).toMatch(/\.$/);
  });

  it('needs a look only for an active warning', () => {
    expect(needsLook(flag('caption-drift'))).toBe(true);
    expect(needsLook(flag('crop-loss', 'info'))).toBe(false);
    expect(needsLook(flag('caption-drift', 'warning', true))).toBe(false);
    expect(frameNeedsLook([flag('crop-loss', 'info'), flag('caption-truncated', 'info')])).toBe(false);
    expect(frameNeedsLook([flag('crop-loss', 'info'), flag('style-drift')])).toBe(true);
  });

  it('counts flagged frames, warnings and notes apart, acknowledged flags left out', () => {
    const counts = countFlags([
      [flag('caption-drift'), flag('crop-loss', 'info')],
      [flag('crop-loss', 'info')],
      [flag('caption-drift', 'warning', true), flag('palette-drift')],
      [],
    ]);
    expect(counts).toEqual({
      flaggedFrames: 2,
      flagCounts: { 'caption-drift': 1, 'palette-drift': 1 },
      noteCounts: { 'crop-loss': 2 },
      acknowledgedFlags: 1,
    });
    expect(countEntries(counts.flagCounts)).toEqual([
      ['caption-drift', 1],
      ['palette-drift', 1],
    ]);
    expect(describeCounts(counts.flagCounts)).toBe('Caption drift 1 \u00b7 Palette drift 1');
  });

  it('lists what needs a look first, then notes, each in FLAG_KINDS order', () => {
    const ordered = orderFlags([flag('crop-loss', 'info'), flag('palette-drift'), flag('caption-drift', 'info'), flag('caption-mismatch')]);
    expect(ordered.map((f) => f.kind)).toEqual(['caption-mismatch', 'palette-drift', 'caption-drift', 'crop-loss']);
    expect(activeFlags([flag('style-drift', 'warning', true), flag('continuity', 'info')]).map((f) => f.kind)).toEqual(['continuity']);
  });
});
