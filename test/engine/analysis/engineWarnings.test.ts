import { describe, expect, it } from 'vitest';
import { cropNote, warningFlags } from '../../../electron/engine/analysis/engineWarnings.ts';

describe("the engine's warnings as flags", () => {
  it('no caption, truncated caption and transparency; crop loss is no flag', () => {
    const flags = warningFlags([
      { shot: '1', caption: null, captionSource: 'none', warnings: [] },
      { shot: '2', caption: '  ', captionSource: 'sidecar', warnings: [] },
      {
        shot: '3',
        caption: 'long',
        captionSource: 'sidecar',
        warnings: [{ code: 'CAPTION_TRUNCATED', message: 'cut' }],
        tokenCount: 93,
        contextLength: 77,
      },
      {
        shot: '4',
        caption: 'wide',
        captionSource: 'sidecar',
        warnings: [{ code: 'CROP_LOSS', message: 'CLIP sees the center square only.' }],
        imageWidth: 1920,
        imageHeight: 1080,
      },
      {
        shot: '5',
        caption: 'png',
        captionSource: 'sidecar',
        warnings: [
          { code: 'TRANSPARENCY', message: '40% is transparent.' },
          { code: 'EXIF_ROTATED', message: 'rotated' },
        ],
      },
      { shot: '6', caption: 'fine', captionSource: 'sidecar', warnings: [] },
    ]);
    expect(flags.map((f) => [f.index, f.flag.kind, f.flag.severity])).toEqual([
      [0, 'no-caption', 'warning'],
      [1, 'no-caption', 'warning'],
      [2, 'caption-truncated', 'info'],
      [4, 'transparency', 'warning'],
    ]);
    expect(flags[0]!.flag.reason).toBe('Shot 1 has no caption (no caption was found for it), so it could not be checked against one.');
    expect(flags[1]!.flag.reason).toContain('its caption is empty');
    expect(flags[2]!.flag).toMatchObject({
      reason: "Shot 3's caption is 93 tokens and CLIP reads 77; the end was not scored.",
      numbers: { tokenCount: 93, contextLength: 77 },
    });
  });

  it('crop loss is one board note, and none when the whole frame is scored', () => {
    const wide = {
      warnings: [{ code: 'CROP_LOSS' as const, message: "CLIP sees only the center square: 44% of the frame's width is cropped away." }],
    };
    const square = { warnings: [] };
    const frames = [...Array.from({ length: 32 }, () => wide), ...Array.from({ length: 7 }, () => square)];
    expect(cropNote(frames, 'center')).toBe(
      '32 of 39 frames are wider than square: CLIP sees their center; whole-frame scoring is in Settings.',
    );
    expect(cropNote(frames, 'crops')).toBeNull();
    expect(cropNote(frames, 'pad')).toBeNull();
    expect(cropNote([square, square], 'center')).toBeNull();
    const tall = {
      warnings: [{ code: 'CROP_LOSS' as const, message: "CLIP sees only the center square: 40% of the frame's height is cropped away." }],
    };
    expect(cropNote([tall, square], 'center')).toBe(
      '1 of 2 frames is taller than square: CLIP sees its center; whole-frame scoring is in Settings.',
    );
  });
});
