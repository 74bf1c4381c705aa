import { describe, expect, it } from 'vitest';
import type { FlagKind, FrameFlag, LookReading } from '../../electron/common/api.ts';
import { flagDetails, flagSentence, flagText } from '../../electron/common/flagSentences.ts';
import { FLAG_KINDS } from '../../electron/common/values.ts';

const flag = (kind: FlagKind, numbers: Record<string, number> = {}, relatedFrameIds: string[] = []): FrameFlag => ({
  kind,
  severity: 'warning',
  reason: '',
  numbers,
  relatedFrameIds,
  acknowledged: false,
});
const night: LookReading = {
  check: 'time-of-day',
  looks: 'day',
  scores: { day: 0.31, night: 0.22 },
  stated: ['night'],
  statedBy: 'The caption says night',
  margin: 1.8,
};
const shots: Record<string, string> = { 'b.png': '14', 'a.png': '3' };
const context = { sceneName: '3', shotOf: (id: string) => shots[id], frame: { looks: [night], bestOther: null } };

describe('flag sentences', () => {
  it('every kind reads as one plain sentence, without numbers or jargon', () => {
    for (const kind of FLAG_KINDS) {
      const sentence = flagSentence(flag(kind, { cosine: 0.18, z: -2.4, zThreshold: -2, threshold: 0.2 }), context);
      expect(sentence, kind).toMatch(/^[A-Z].*\.$/);
      expect(sentence, kind).not.toMatch(/\d\.\d|σ|ΔE|z =|cosine/);
    }
  });

  it('names what the director needs: the other shot, the scene, what the script says and what the frame looks like', () => {
    expect(flagSentence(flag('time-of-day'), context)).toBe('The caption says night, but this frame looks like daylight.');
    expect(flagSentence(flag('style-drift', { similarity: 0.7, sceneSimilarity: 0.6, sceneZ: -3 }), context)).toBe(
      "This frame's look differs from the rest of scene 3.",
    );
    expect(flagSentence(flag('caption-mismatch', {}, ['b.png']), context)).toBe(
      "This frame matches shot 14's caption better than its own.",
    );
    expect(flagSentence(flag('caption-swap', {}, ['b.png']), context)).toMatch(/^This frame and shot 14 look swapped/);
    expect(flagSentence(flag('continuity', { similarity: 0.5 }, ['a.png']), context)).toBe(
      'This frame changes suddenly from shot 3 before it.',
    );
    expect(
      flagSentence(
        flag('palette-drift', {
          lightness: 30,
          referenceLightness: 60,
          chroma: 40,
          referenceChroma: 20,
          contrast: 10,
          referenceContrast: 11,
        }),
        context,
      ),
    ).toBe("This frame's colours differ from the rest of scene 3: it is darker and more colourful.");
  });

  it('caption drift says which evidence it rests on', () => {
    const both = flag('caption-drift', { cosine: 0.15, threshold: 0.2, z: -4, zThreshold: -3.5 });
    const lineOnly = flag('caption-drift', { cosine: 0.19, threshold: 0.2, z: -1, zThreshold: -3.5 });
    const boardOnly = flag('caption-drift', { cosine: 0.24, threshold: 0.2, z: -4, zThreshold: -3.5 });
    expect(flagSentence(both)).toBe("This frame doesn't show what its caption describes.");
    expect(flagSentence(lineOnly)).toMatch(/weakly for this model, though no worse than most/);
    expect(flagSentence(boardOnly)).toMatch(/much less well than the other frames/);
  });

  it('the numbers go on a details line of their own, internal cut-offs left out', () => {
    const f = flag('caption-drift', { cosine: 0.182, median: 0.27, mad: 0.02, z: -2.44, zThreshold: -3.5, threshold: 0.2 });
    expect(flagDetails(f)).toBe("cosine 0.182, board median 0.270, z \u22122.4, model's line 0.200");
    expect(flagText(f)).toBe(`${flagSentence(f)} (${flagDetails(f)})`);
    expect(flagDetails(flag('no-caption'))).toBe('');
    expect(flagText(flag('no-caption'))).toBe(flagSentence(flag('no-caption')));
    expect(flagDetails(flag('time-of-day', { day: 0.31, night: 0.22, margin: 1.8, threshold: 1, spread: 0.05 }))).toBe(
      "day 0.31, night 0.22, leans the other way by 1.80 of the board's spread (line 1.00)",
    );
  });
});
