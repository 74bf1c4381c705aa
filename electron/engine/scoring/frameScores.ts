// The cosines scoring owns: each frame against its own caption (the frame's score), and the whole
// of a wide frame against it. Computed here once per view; the analysis reads them, never
// recomputes them (analysis/fromScoring.ts).
import type { Board, ClipScore, FrameScore } from '../../common/api.ts';
import { clipScore } from '../clip/index.ts';
import type { FrameEmbeddings } from './embedBoard.ts';

/** An image embedding against a caption embedding (both L2-normalized): the frame's score. */
export function captionScore(image: Float32Array, caption: Float32Array): ClipScore {
  return clipScore(image, caption);
}

function scoreOrNull(image: Float32Array | undefined, caption: Float32Array | undefined): ClipScore | null {
  return image && caption ? captionScore(image, caption) : null;
}

export interface BoardScores {
  /** Per frame id: what the hosts show (BoardView.scores). */
  frames: Record<string, FrameScore>;
  /** Per frame id: the whole frame against its caption, where wide frames were scored whole. */
  fullFrame: ReadonlyMap<string, ClipScore>;
}

export function boardScores(board: Board, embeddings: ReadonlyMap<string, FrameEmbeddings>): BoardScores {
  const frames: Record<string, FrameScore> = {};
  const fullFrame = new Map<string, ClipScore>();
  for (const frame of board.frames) {
    const e = embeddings.get(frame.id);
    frames[frame.id] = {
      frameId: frame.id,
      scoredCaption: e?.captionText ?? null,
      score: scoreOrNull(e?.image, e?.caption),
      tokens: e?.tokens
        ? {
            count: e.tokens.tokenCount,
            countLimited: e.tokens.countLimited,
            truncated: e.tokens.truncated,
            contextLength: e.tokens.contextLength,
          }
        : null,
      warnings: e?.facts?.warnings ?? [],
      ...(e?.error && { error: e.error }),
      ...(e?.imageHash && { imageHash: e.imageHash }),
    };
    const whole = scoreOrNull(e?.fullFrame, e?.caption);
    if (whole) fullFrame.set(frame.id, whole);
  }
  return { frames, fullFrame };
}
