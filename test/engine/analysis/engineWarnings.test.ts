import { describe, expect, it } from 'vitest';
import { warningFlags } from '../../../electron/engine/analysis/engineWarnings.ts';

describe("the engine's warnings as flags", () => {
  it('no caption, truncated caption, crop loss and transparency', () => {
    const flags = warningFlags([
      { shot: '1', caption: null, captionSource: 'none', warnings: [] },
      { shot: '2', caption: '  ', captionSource: 'sidecar', warnings: [] },
      { shot: '3', caption: 'long', captionSource: 'sidecar', warnings: [{ code: 'CAPTION_TRUNCATED', message: 'cut' }], tokenCount: 93, contextLength: 77 },
      { shot: '4', caption: 'wide', captionSource: 'sidecar', warnings: [{ code: 'CROP_LOSS', message: 'CLIP sees the center square only.' }], imageWidth: 1920, imageHeight: 1080 },
      { shot: '5', caption: 'png', captionSource: 'sidecar', warnings: [{ code: 'TRANSPARENCY', message: '40% is transparent.' }, { code: 'EXIF_ROTATED', message: 'rotated' }] },
      { shot: '6', caption: 'fine', captionSource: 'sidecar', warnings: [] },
    ]);
    expect(flags.map((f) => [f.index, f.flag.kind, f.flag.severity])).toEqual([
      [0, 'no-caption', 'warning'],
      [1, 'no-caption', 'warning'],
      [2, 'caption-truncated', 'info'],
      [3, 'crop-loss', 'info'],
      [4, 'transparency', 'warning'],
    ]);
    expect(flags[0]!.flag.reason).toBe('Shot 1 has no caption (no caption was found for it), so it could not be checked against one.');
    expect(flags[1]!.flag.reason).toContain('its caption is empty');
    expect(flags[2]!.flag).toMatchObject({ reason: "Shot 3's caption is 93 tokens and CLIP reads 77; the end was not scored.", numbers: { tokenCount: 93, contextLength: 77 } });
    expect(flags[3]!.flag).toMatchObject({ reason: 'Shot 4: CLIP sees the center square only.', numbers: { hiddenShare: 0.438 } });
  });
});
