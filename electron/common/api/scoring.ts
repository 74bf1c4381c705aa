// Scoring a board
import type { AnalysisSettings, BoardAnalysis, FrameReview } from './analysis.ts';
import type { Board, EditHistory } from './board.ts';
import type { AppErrorData, ClipScore, FrameWarning, ProviderReport } from './core.ts';

export type ScorePhase = 'reading' | 'images' | 'captions' | 'analysis';

export interface ScoreProgress {
  phase: ScorePhase;
  done: number;
  total: number;
  /** Items per second over the last few seconds. */
  ratePerSecond: number;
  /** Seconds left at the current rate; null while unknown. */
  etaSeconds: number | null;
}

/** What the engine knows about one frame after scoring: embeddings stay in the engine. */
export interface FrameScore {
  frameId: string;
  /** The caption text CLIP read (after prompt-syntax cleaning, when that applies). */
  scoredCaption: string | null;
  score: ClipScore | null;
  tokens: { count: number; countLimited: boolean; truncated: boolean; contextLength: number } | null;
  warnings: FrameWarning[];
  /** Why the frame has no score: unreadable image, no caption. */
  error?: AppErrorData;
  /** Served by the host: the frame's thumbnail. */
  imageHash?: string;
}

/** The model a board is scored with, as the UI and the export show it. */
export interface ModelSummary {
  /** Derived from the weights: cache entries and exports record it. */
  id: string;
  name: string;
  dir: string;
  provider: ProviderReport;
  embeddingSize: number | null;
  /** Things the person should know, e.g. a GPU that failed mid-run. */
  notices: string[];
}

export type SettingsLocation =
  | { kind: 'board-file'; file: string }
  /** The board folder cannot be written: kept on this computer only, in Frameproof's database file. */
  | { kind: 'app-database'; file: string };

/** Everything a host shows about an open board. */
export interface BoardView {
  board: Board;
  /** By frame id. */
  scores: Record<string, FrameScore>;
  analysis: BoardAnalysis | null;
  model: ModelSummary | null;
  settings: AnalysisSettings;
  /**
   * Each frame's review status and comment, by frame id (frames with neither left out): the
   * board's saved ones, else what its shots.csv's Frameproof status and comment columns hold.
   */
  reviews: Record<string, FrameReview>;
  /** Where the settings are kept: frameproof.json in the board folder, or null for the database. */
  settingsFile: string | null;
  /** Where the settings and acknowledgements are kept, for the person: a read-only board's go to the app's database. */
  settingsKeptIn: SettingsLocation;
  /** Caption edits that can be undone and redone, next first. */
  history: EditHistory;
  /** Frames that still need the model (nothing cached for them). */
  unscored: number;
  /** Problems with the project itself (settings that could not be read). */
  notices: AppErrorData[];
  /** Larger for a view made later: a host keeps the newest of a board's views, whichever way it arrived. */
  revision: number;
}
