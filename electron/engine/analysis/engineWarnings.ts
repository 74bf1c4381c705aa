// The engine's own warnings about a frame, shown as flags beside the detectors': a caption CLIP
// could not read to the end, transparency, no caption. That CLIP sees only the middle of a wide
// frame is a fact about the board (cropNote), not a flag on every 16:9 frame; per frame, the
// off-center detector says when the crop hides what the caption describes.
import type { CaptionSourceKind, FrameWarning } from '../../common/api.ts';
import { formatTokenCount } from '../../common/units.ts';
import type { DraftFlag } from './types.ts';
import type { WideFrameScoring } from '../../common/api.ts';
import { shotName } from './wording.ts';

export interface WarningFrame {
  shot: string;
  caption: string | null;
  captionSource: CaptionSourceKind;
  warnings: readonly FrameWarning[];
  tokenCount?: number;
  tokenCountLimited?: boolean;
  contextLength?: number;
  truncated?: boolean;
  imageWidth?: number;
  imageHeight?: number;
}

export function warningFlags(frames: readonly WarningFrame[]): DraftFlag[] {
  const flags: DraftFlag[] = [];
  frames.forEach((frame, index) => {
    const name = shotName(frame.shot);
    const warning = (code: FrameWarning['code']) => frame.warnings.find((w) => w.code === code);
    if (frame.caption === null || !frame.caption.trim()) {
      const where = frame.captionSource === 'none' ? 'no caption was found for it' : 'its caption is empty';
      flags.push({
        index,
        flag: {
          kind: 'no-caption',
          severity: 'warning',
          reason: `${name} has no caption (${where}), so it could not be checked against one.`,
          numbers: {},
          relatedFrameIds: [],
        },
      });
    }
    const truncated = warning('CAPTION_TRUNCATED');
    if (truncated || frame.truncated) {
      const numbers: Record<string, number> = {};
      let reason = `${name}'s caption is longer than CLIP reads; the end was not scored.`;
      if (frame.tokenCount !== undefined && frame.contextLength !== undefined) {
        Object.assign(numbers, { tokenCount: frame.tokenCount, contextLength: frame.contextLength });
        reason = `${name}'s caption is ${formatTokenCount(frame.tokenCount, frame.tokenCountLimited)} tokens and CLIP reads ${frame.contextLength}; the end was not scored.`;
      }
      flags.push({ index, flag: { kind: 'caption-truncated', severity: 'info', reason, numbers, relatedFrameIds: [] } });
    }
    const transparency = warning('TRANSPARENCY');
    if (transparency)
      flags.push({
        index,
        flag: { kind: 'transparency', severity: 'warning', reason: `${name}: ${transparency.message}`, numbers: {}, relatedFrameIds: [] },
      });
  });
  return flags;
}

/**
 * One board note for the frames CLIP sees only the center of ("32 of 39 frames are wider than
 * square: ..."); none when there are none, or when the whole frame is scored as well.
 */
export function cropNote(frames: readonly Pick<WarningFrame, 'warnings'>[], wideFrames: WideFrameScoring): string | null {
  if (wideFrames !== 'center') return null;
  const cropped = frames.map((f) => f.warnings.find((w) => w.code === 'CROP_LOSS')).filter((w) => w !== undefined);
  if (cropped.length === 0) return null;
  const wide = cropped.filter((w) => w.message.includes('width')).length;
  const shape = wide === cropped.length ? 'wider than square' : wide === 0 ? 'taller than square' : 'far from square';
  const verb = cropped.length === 1 ? 'is' : 'are';
  const which = cropped.length === 1 ? 'its' : 'their';
  return `${cropped.length} of ${frames.length} ${frames.length === 1 ? 'frame' : 'frames'} ${verb} ${shape}: CLIP sees ${which} center; whole-frame scoring is in Settings.`;
}
