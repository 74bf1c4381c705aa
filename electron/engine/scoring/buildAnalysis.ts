// From a board and its embeddings to the analysis input and the per-frame scores the hosts show.
import type { AnalysisSettings, Board, FrameScore, PaletteStats, ScoreCalibration, BoardAnalysis } from '../../common/api.ts';
import { analyzeBoard, captionForScoring, type AnalysisFrame } from '../analysis/index.ts';
import { clipScore } from '../clip/index.ts';
import type { FrameEmbeddings } from './embedBoard.ts';

/** The text CLIP reads for a frame's caption under the project's prompt-syntax setting. */
export function scoredCaptionOf(frame: Board['frames'][number], settings: AnalysisSettings): { text: string | null; cleaned: boolean } {
  return captionForScoring(frame.caption, frame.captionFromImageMetadata, settings.cleanPromptSyntax);
}

export function frameScores(board: Board, embeddings: ReadonlyMap<string, FrameEmbeddings>): Record<string, FrameScore> {
  const scores: Record<string, FrameScore> = {};
  for (const frame of board.frames) {
    const e = embeddings.get(frame.id);
    const score = e?.image && e.caption ? clipScore(e.image, e.caption) : null;
    scores[frame.id] = {
      frameId: frame.id,
      scoredCaption: e?.captionText ?? null,
      score,
      tokens: e?.tokens ? { count: e.tokens.tokenCount, countLimited: e.tokens.countLimited, truncated: e.tokens.truncated, contextLength: e.tokens.contextLength } : null,
      warnings: e?.facts?.warnings ?? [],
      ...(e?.error && { error: e.error }),
      ...(e?.imageHash && { imageHash: e.imageHash }),
    };
  }
  return scores;
}

export function analyze(
  board: Board,
  embeddings: ReadonlyMap<string, FrameEmbeddings>,
  settings: AnalysisSettings,
  calibration: ScoreCalibration | null,
  stylePromptEmbedding: Float32Array | undefined,
): BoardAnalysis {
  const sceneNames = new Map(board.scenes.map((s) => [s.id, s.name]));
  const frames: AnalysisFrame[] = board.frames.map((frame) => {
    const e = embeddings.get(frame.id);
    const scored = scoredCaptionOf(frame, settings);
    return {
      id: frame.id,
      shot: frame.shot.label,
      sceneId: frame.sceneId,
      sceneName: sceneNames.get(frame.sceneId),
      caption: frame.caption,
      scoredCaption: scored.text,
      captionCleaned: scored.cleaned,
      captionSource: frame.captionSource.kind,
      imageEmbedding: e?.image,
      captionEmbedding: e?.caption,
      fullFrameEmbedding: e?.fullFrame,
      warnings: e?.facts?.warnings ?? [],
      tokenCount: e?.tokens?.tokenCount,
      tokenCountLimited: e?.tokens?.countLimited,
      contextLength: e?.tokens?.contextLength,
      truncated: e?.tokens?.truncated,
      palette: e?.facts?.statistics as PaletteStats | undefined,
    };
  });
  return analyzeBoard({ frames, settings, calibration, ...(stylePromptEmbedding && { stylePromptEmbedding }) });
}
