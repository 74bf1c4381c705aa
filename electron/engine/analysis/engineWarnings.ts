// The engine's own warnings about a frame, shown as flags beside the detectors': a caption CLIP
// could not read to the end, a wide frame CLIP sees only the middle of, transparency, no caption.
import type { CaptionSourceKind, FrameWarning } from '../../common/api.ts';
import { formatTokenCount } from '../../common/units.ts';
import type { DraftFlag } from './types.ts';
import { round, shotName } from './wording.ts';

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
      flags.push({ index, flag: { kind: 'no-caption', severity: 'warning', reason: `${name} has no caption (${where}), so it could not be checked against one.`, numbers: {}, relatedFrameIds: [] } });
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
    const crop = warning('CROP_LOSS');
    if (crop) {
      const numbers: Record<string, number> = {};
      if (frame.imageWidth && frame.imageHeight) numbers.hiddenShare = round(1 - Math.min(frame.imageWidth, frame.imageHeight) / Math.max(frame.imageWidth, frame.imageHeight), 3);
      flags.push({ index, flag: { kind: 'crop-loss', severity: 'info', reason: `${name}: ${crop.message}`, numbers, relatedFrameIds: [] } });
    }
    const transparency = warning('TRANSPARENCY');
    if (transparency) flags.push({ index, flag: { kind: 'transparency', severity: 'warning', reason: `${name}: ${transparency.message}`, numbers: {}, relatedFrameIds: [] } });
  });
  return flags;
}
