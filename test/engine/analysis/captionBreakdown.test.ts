import { describe, expect, it } from 'vitest';
import { analyzeBoard, captionParts, type EmbeddedText } from '../../../electron/engine/analysis/index.ts';
import { mix } from '../../eval/constructed.ts';
import { basis, frame } from './helpers.ts';

describe('caption parts', () => {
  it.each([
    ['A rider crosses the dunes at sunrise', ['A rider', 'the dunes', 'at sunrise']],
    ['EXT. DESERT - NIGHT. Close-up of a green heart.', ['EXT. DESERT - NIGHT', 'Close-up of a green heart']],
    ['A crescent, in the middle, under a blue sky', ['A crescent', 'in the middle', 'under a blue sky']],
    [
      'two red circles on the left over the sea at night, watercolour',
      ['two red circles', 'on the left', 'over the sea', 'at night, watercolour'],
    ],
    [
      'Mr. Smith waits by the door while the rain falls outside. A cat sleeps.',
      ['Mr. Smith waits by the door', 'the rain falls outside', 'A cat sleeps'],
    ],
    ['one crescent.', ['one crescent']],
  ])('%s', (caption, parts) => {
    expect(captionParts(caption).map((p) => p.text)).toEqual(parts);
  });

  it('a long caption is split into its sentences, every one of them', () => {
    const caption = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} says something about the frame at length.`).join(' ');
    const parts = captionParts(caption, true);
    expect(parts).toHaveLength(12);
    expect(parts.every((p) => p.kind === 'sentence')).toBe(true);
    expect(parts.at(-1)!.text).toBe('Sentence 12 says something about the frame at length');
  });
});

describe('caption breakdown', () => {
  // Directions at right angles, so each cosine below is known by construction.
  const [textModality, imageModality, rider, dunes, sunrise] = [0, 1, 2, 3, 4].map((i) => basis(i, 64)) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const text = (...parts: Float32Array[]) => mix([[textModality, 0.8], ...parts.map((p) => [p, 0.5] as const)]);
  const caption = 'A rider crosses the dunes at sunrise';
  // The frame shows a rider on dunes, at noon: the sunrise is the part it does not show.
  const image = mix([
    [imageModality, 0.5],
    [rider, 0.5],
    [dunes, 0.5],
  ]);
  const texts = new Map<string, EmbeddedText>([
    ['A rider', { vector: text(rider), truncated: false }],
    ['the dunes', { vector: text(dunes), truncated: false }],
    ['at sunrise', { vector: text(sunrise), truncated: false }],
  ]);

  it("says which parts the frame shows and which it does not; the score stays the whole caption's", () => {
    const captionEmbedding = text(rider, dunes, sunrise);
    const analysis = analyzeBoard({ frames: [frame(0, { caption, imageEmbedding: image, captionEmbedding })], texts, settings: undefined });
    const a = analysis.frames[0]!;
    expect(a.breakdown?.summary).toBe('shows: A rider, the dunes; weak: at sunrise');
    expect(a.breakdown?.parts.map((p) => [p.text, p.shown])).toEqual([
      ['A rider', true],
      ['the dunes', true],
      ['at sunrise', false],
    ]);
    expect(a.breakdown!.parts[2]!.cosine).toBeLessThan(a.breakdown!.parts[0]!.cosine);
    expect(a.score!.cosine).toBeCloseTo(analysis.frames[0]!.score!.cosine, 6);
  });

  it('is null until every part is embedded, and without a caption', () => {
    const partial = new Map([...texts].slice(0, 2));
    const analysis = analyzeBoard({
      frames: [
        frame(0, { caption, imageEmbedding: image, captionEmbedding: text(rider) }),
        frame(1, { caption: null, imageEmbedding: image }),
      ],
      texts: partial,
    });
    expect(analysis.frames.map((f) => f.breakdown)).toEqual([null, null]);
  });

  it('scores every sentence of a caption over the context, and says which part was itself cut', () => {
    const long = 'A rider crosses the dunes. The sun rises behind him.';
    const sentences = new Map<string, EmbeddedText>([
      ['A rider crosses the dunes', { vector: text(rider, dunes), truncated: false }],
      ['The sun rises behind him', { vector: text(sunrise), truncated: true }],
    ]);
    const analysis = analyzeBoard({
      frames: [
        frame(0, {
          caption: long,
          imageEmbedding: image,
          captionEmbedding: text(rider),
          truncated: true,
          tokenCount: 90,
          contextLength: 77,
        }),
      ],
      texts: sentences,
    });
    const b = analysis.frames[0]!.breakdown!;
    expect(b.longCaption).toBe(true);
    expect(b.parts.map((p) => [p.text, p.kind, p.truncated])).toEqual([
      ['A rider crosses the dunes', 'sentence', false],
      ['The sun rises behind him', 'sentence', true],
    ]);
    expect(b.summary).toBe("shows: A rider crosses the dunes; weak: The sun rises behind him (a part was cut at the model's context)");
  });
});
