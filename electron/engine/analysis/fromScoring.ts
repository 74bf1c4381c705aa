// A scored board into the analysis: the frames with what scoring produced for each (embeddings,
// the scored caption, the cosines, pixel statistics). Reads scoring's numbers, computes none.
import type { AnalysisSettings, Board, BoardAnalysis, PaletteStats, ScoreCalibration } from '../../common/api.ts';
import type { BoardScores, FrameEmbeddings } from '../scoring/index.ts';
import { analyzeBoard } from './analyze.ts';
import type { AnalysisFrame } from './types.ts';

export interface ScoredBoard {
  board: Board;
  embeddings: ReadonlyMap<string, FrameEmbeddings>;
  scores: BoardScores;
  settings: AnalysisSettings;
  calibration: ScoreCalibration | null;
  stylePromptEmbedding?: Float32Array;
}

export function analyzeScoredBoard({ board, embeddings, scores, settings, calibration, stylePromptEmbedding }: ScoredBoard): BoardAnalysis {
  const sceneNames = new Map(board.scenes.map((s) => [s.id, s.name]));
  const frames: AnalysisFrame[] = board.frames.map((frame) => {
    const e = embeddings.get(frame.id);
    const score = scores.frames[frame.id]?.score;
    const fullFrameScore = scores.fullFrame.get(frame.id);
    return {
      id: frame.id,
      shot: frame.shot.label,
      sceneId: frame.sceneId,
      sceneName: sceneNames.get(frame.sceneId),
      caption: frame.caption,
      ...(e && { scoredCaption: e.captionText, captionCleaned: e.captionCleaned }),
      captionSource: frame.captionSource.kind,
      imageEmbedding: e?.image,
      captionEmbedding: e?.caption,
      ...(score && { score }),
      ...(fullFrameScore && { fullFrameScore }),
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
