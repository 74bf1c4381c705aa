// A scored board into the analysis: the frames with what scoring produced for each (embeddings,
// the scored caption, the cosines, pixel statistics). Reads scoring's numbers, computes none.
import type { AnalysisSettings, Board, BoardAnalysis, PaletteStats, ScoreCalibration } from '../../common/api.ts';
import type { BoardScores, FrameEmbeddings } from '../scoring/index.ts';
import { analyzeBoard } from './analyze.ts';
import { captionPartTexts } from './captionBreakdown.ts';
import { lookPromptTexts } from './lookPrompts.ts';
import { frameStatements } from './statements.ts';
import type { AnalysisFrame, EmbeddedTexts } from './types.ts';

export interface ScoredBoard {
  board: Board;
  embeddings: ReadonlyMap<string, FrameEmbeddings>;
  scores: BoardScores;
  settings: AnalysisSettings;
  calibration: ScoreCalibration | null;
  stylePromptEmbedding?: Float32Array;
  /** The look prompts' and caption parts' embeddings, from the text cache (analysisTexts lists them). */
  texts?: EmbeddedTexts;
}

/**
 * The texts the analysis reads beyond the captions: the look prompts when anything on the board
 * states a look (flags depend on them), and every caption's parts (the breakdown, which only
 * explains a score). The caller embeds them (text cache first).
 */
export function analysisTexts(board: Board, embeddings: ReadonlyMap<string, FrameEmbeddings>): { looks: string[]; parts: string[] } {
  const stated = board.frames.some((f) => frameStatements(board, f).length > 0);
  const captions = board.frames.map((f) => {
    const e = embeddings.get(f.id);
    return { text: e?.captionText ?? null, long: e?.tokens?.truncated ?? false };
  });
  return { looks: stated ? lookPromptTexts() : [], parts: captionPartTexts(captions) };
}

export function analyzeScoredBoard({
  board,
  embeddings,
  scores,
  settings,
  calibration,
  stylePromptEmbedding,
  texts,
}: ScoredBoard): BoardAnalysis {
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
      statements: frameStatements(board, frame),
    };
  });
  return analyzeBoard({ frames, settings, calibration, ...(stylePromptEmbedding && { stylePromptEmbedding }), ...(texts && { texts }) });
}
