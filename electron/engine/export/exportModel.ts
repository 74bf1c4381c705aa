// One reading of a BoardView that every format shares: frames in story order with their scene,
// score, active flags and, for a frame without a score, the reason why. Each format only lays it
// out, so a CSV row, an HTML card and a PDF cell never disagree.
import type {
  AnalysisExportRow,
  BoardView,
  CaptionSource,
  FlagKind,
  Frame,
  FrameAnalysis,
  FrameFlag,
  FrameReview,
  FrameScore,
  SceneHeading,
} from '../../common/api.ts';
import { activeFlags, countEntries, countFlags, flagLabel, frameNeedsLook, orderFlags } from '../../common/flags.ts';
import { flagText } from '../../common/flagSentences.ts';
import { formatNumber } from '../../common/units.ts';
import { analysisExportRow } from '../analysis/index.ts';
import { headingOfScene } from '../board/index.ts';

export { flagLabel };

/** A frame with a flag that needs a look: what "flagged" means in every view (common/flags.ts). */
export function needsALook(frame: { activeFlags: readonly FrameFlag[] }): boolean {
  return frameNeedsLook(frame.activeFlags);
}

export interface ExportFrame {
  /** Position in story order, from 0. */
  index: number;
  frame: Frame;
  sceneName: string;
  score: FrameScore | undefined;
  analysis: FrameAnalysis | undefined;
  /** Flags the person has not marked as intended. */
  activeFlags: FrameFlag[];
  /** Why the frame has no score; null when it has one. */
  unscoredReason: string | null;
  /** The unscored reason and every active flag's sentence with its numbers (common/flagSentences.ts), in that order. */
  reasons: string[];
  /** Each active flag's sentence with its numbers, in activeFlags' order. */
  flagTexts: string[];
  columns: AnalysisExportRow;
  /** The scene's screenplay heading ("EXT. DESERT - NIGHT"); null when the board has no script or the scene no heading. */
  scriptScene: SceneHeading | null;
  /** The frame's review status and comment; null when it has neither. */
  review: FrameReview | null;
}

export interface ExportScene {
  id: string;
  name: string;
  frames: ExportFrame[];
}

export interface ExportSummary {
  frames: number;
  scored: number;
  unscored: number;
  flaggedFrames: number;
  /** Flags that need a look per kind, in FLAG_KINDS order, kinds with none left out. */
  flagCounts: [FlagKind, number][];
  /** Active info-level flags per kind, likewise. */
  noteCounts: [FlagKind, number][];
  acknowledgedFlags: number;
}

export interface ExportModel {
  view: BoardView;
  frames: ExportFrame[];
  /** Runs of consecutive frames of one scene, in story order. */
  scenes: ExportScene[];
  summary: ExportSummary;
  exportedAt: Date;
}

const EMPTY_COLUMNS: AnalysisExportRow = {
  flags: '',
  notes: '',
  reason: '',
  best_other_shot: '',
  style_similarity: '',
  palette_distance: '',
  caption_breakdown: '',
  looks_like: '',
};

function unscoredReasonOf(frame: Frame, score: FrameScore | undefined, analysed: boolean): string | null {
  if (score?.score) return null;
  if (score?.error) return `Not scored: ${score.error.message}`;
  if (frame.caption === null || frame.caption.trim() === '') return 'Not scored: the frame has no caption.';
  if (score && score.scoredCaption === null) return 'Not scored: nothing is left of the caption once prompt syntax is removed.';
  return analysed ? 'Not scored: the model gave no score for this frame.' : 'Not scored yet: score the board first.';
}

export function buildExportModel(view: BoardView, exportedAt: Date): ExportModel {
  const sceneNames = new Map(view.board.scenes.map((s) => [s.id, s.name]));
  const analyses = new Map((view.analysis?.frames ?? []).map((a) => [a.frameId, a]));
  const shots = new Map(view.board.frames.map((f) => [f.id, f.shot.label]));
  const shotOf = (id: string) => shots.get(id);
  const frames = view.board.frames.map((frame, index): ExportFrame => {
    const score = view.scores[frame.id];
    const analysis = analyses.get(frame.id);
    const active = orderFlags(activeFlags(analysis?.flags ?? []));
    const unscoredReason = unscoredReasonOf(frame, score, view.analysis !== null);
    // The no-caption flag already says why; saying it twice reads as two problems.
    const saidByFlag = frame.caption === null && active.some((f) => f.kind === 'no-caption');
    const sceneName = sceneNames.get(frame.sceneId) ?? frame.sceneId;
    const context = { frame: analysis, sceneName, shotOf };
    const flagTexts = active.map((f) => flagText(f, context));
    const reasons = [...(unscoredReason && !saidByFlag ? [unscoredReason] : []), ...flagTexts];
    const columns = analysis ? analysisExportRow(analysis, context) : EMPTY_COLUMNS;
    return {
      index,
      frame,
      sceneName,
      score,
      analysis,
      activeFlags: active,
      unscoredReason,
      reasons,
      flagTexts,
      columns: { ...columns, reason: reasons.join(' | ') },
      scriptScene: headingOfScene(view.board.script, frame.sceneId),
      review: view.reviews[frame.id] ?? null,
    };
  });

  const scenes: ExportScene[] = [];
  for (const f of frames) {
    const last = scenes.at(-1);
    if (last?.id === f.frame.sceneId) last.frames.push(f);
    else scenes.push({ id: f.frame.sceneId, name: f.sceneName, frames: [f] });
  }

  const counts = countFlags(frames.map((f) => f.activeFlags));
  const scored = frames.filter((f) => f.score?.score).length;
  return {
    view,
    frames,
    scenes,
    summary: {
      frames: frames.length,
      scored,
      unscored: frames.length - scored,
      flaggedFrames: counts.flaggedFrames,
      flagCounts: countEntries(counts.flagCounts),
      noteCounts: countEntries(counts.noteCounts),
      acknowledgedFlags: view.analysis?.acknowledgedFlags ?? 0,
    },
    exportedAt,
  };
}

/** Where a caption came from, in words a person can follow back to the file. */
export function describeCaptionSource(source: CaptionSource): string {
  switch (source.kind) {
    case 'manifest-csv':
      return `${source.file}, row ${source.row}`;
    case 'manifest-json':
      return `${source.file}, shot ${source.index + 1}`;
    case 'storyboarder':
      return `${source.file}, board ${source.boardIndex + 1} ${source.field}`;
    case 'sidecar':
      return source.file;
    case 'image-metadata':
      return `${source.file} (${source.field})`;
    case 'none':
      return '';
  }
}

/** "Shot 12", or the file name when the frame has no shot label. */
export function shotTitle(frame: Frame): string {
  return frame.shot.label ? `Shot ${frame.shot.label}` : frame.name;
}

/** A cosine as the reports print it (common/units.ts: the minus a person reads). */
export function formatCosine(value: number): string {
  return formatNumber(value, 3);
}

/** Local date and time, minutes precision: "2025-03-01 14:05". */
export function formatDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
