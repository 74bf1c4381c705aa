import { describe, expect, it } from 'vitest';
import type { ComparisonCell, ComparisonFrame, FlagKind } from '../../../../electron/common/api.ts';
import { flagDisagreements } from '../../../../electron/engine/session/compare/disagreements.ts';

function cell(modelId: string, kinds: FlagKind[]): ComparisonCell {
  return {
    modelId,
    cosine: 0.2,
    clipScore: 20,
    flags: kinds.map((kind) => ({ kind, severity: 'warning', reason: kind, numbers: {}, relatedFrameIds: [], acknowledged: false })),
    flagTexts: kinds.map((kind) => kind),
    imageToCaptionRank: 1,
    captionToImageRank: 1,
  };
}

function frame(frameId: string, ...cells: ComparisonCell[]): ComparisonFrame {
  return { frameId, shot: frameId.replace('f', ''), sceneId: '.', caption: 'x', cells };
}

describe('flagDisagreements', () => {
  it('lists each frame and kind some models raise and others do not, in frame then flag-kind order', () => {
    const frames = [
      frame('f1', cell('a', ['caption-drift']), cell('b', ['caption-drift']), cell('c', ['caption-drift'])),
      frame('f2', cell('a', ['style-drift', 'caption-drift']), cell('b', ['caption-drift']), cell('c', [])),
      frame('f3', cell('a', []), cell('b', []), cell('c', ['crop-loss'])),
    ];
    expect(flagDisagreements(frames)).toEqual([
      { frameId: 'f2', shot: '2', kind: 'caption-drift', flaggedBy: ['a', 'b'], notFlaggedBy: ['c'] },
      { frameId: 'f2', shot: '2', kind: 'style-drift', flaggedBy: ['a'], notFlaggedBy: ['b', 'c'] },
      { frameId: 'f3', shot: '3', kind: 'crop-loss', flaggedBy: ['c'], notFlaggedBy: ['a', 'b'] },
    ]);
  });

  it('finds nothing where every model agrees, flags or none', () => {
    expect(
      flagDisagreements([frame('f1', cell('a', []), cell('b', [])), frame('f2', cell('a', ['continuity']), cell('b', ['continuity']))]),
    ).toEqual([]);
  });
});
