// Comparing models on one board (engine/compare)
import type { BoardAnalysis, FlagKind, FrameFlag } from './analysis.ts';
import type { AppErrorData, ProviderChoice, ProviderName } from './core.ts';
import type { ScoreProgress } from './scoring.ts';

// Plain data, so a ModelComparison crosses IPC and HTTP as it is. Scores of different models are
// never mixed: every model, cell and correlation names its model by ModelSummary.id.

/** Where a comparison is: which model, and whether it is scoring (through the cache) or being timed. */
export interface ComparisonProgress {
  /** 0-based position of the model in the request. */
  modelIndex: number;
  modelCount: number;
  /** The model as it was asked for: an installed id or a folder. */
  model: string;
  /** scoring: the board through the cache, as `score` does; speed: the timed pass that bypasses it. */
  step: 'scoring' | 'speed';
  progress: ScoreProgress;
}

/**
 * Images per second on the provider used: one pass of the vision encoder over the board's
 * readable frames (at most `frameLimit`, spread over the board), decoding and preprocessing
 * included, no cache and no hashing, after one untimed warm-up image (and, before the first
 * model, one untimed pass over the same frames: see ModelMemory).
 */
export interface ModelSpeed {
  imagesPerSecond: number;
  frames: number;
  seconds: number;
  /** Opening the vision encoder, before the warm-up. */
  loadSeconds: number;
  batchSize: number;
  provider: ProviderName;
}

/**
 * The process's resident set size (RSS) just before the vision encoder was opened for the speed
 * pass, and the highest RSS sampled after it opened and after each batch of that pass (between
 * batches: memory held only inside one encoder call is not seen). The delta is what this model
 * added. Before the first model is measured, one untimed pass of it runs and is closed, so the
 * process's one-time set-up is nobody's; memory a previous pass freed is reused, so the delta is
 * approximate (within some MB), and meaningful for real models, whose weights dominate it.
 */
export interface ModelMemory {
  rssBeforeBytes: number;
  rssWithModelBytes: number;
  deltaBytes: number;
}

/** One direction of caption retrieval over the board (see ModelComparison.retrieval). */
export interface RecallSummary {
  /** Share of queries whose own match ranks first; null when the retrieval set is empty. */
  recallAt1: number | null;
  /** Share whose own match is among the first five (1 when the set has five or fewer frames). */
  recallAt5: number | null;
  hitsAt1: number;
  hitsAt5: number;
  /** Mean of 1 / rank of the own match. */
  meanReciprocalRank: number | null;
}

export interface ModelRetrieval {
  /** Each frame's image as the query, the board's captions as candidates. */
  imageToCaption: RecallSummary;
  /** Each caption as the query, the board's frames as candidates. */
  captionToImage: RecallSummary;
}

/** One model's summary in a comparison. */
export interface ComparedModel {
  /** As asked for: an installed id or a folder. */
  requested: string;
  /** Derived from the weights (ModelSummary.id): cache entries, cells and exports record it. */
  id: string;
  name: string;
  dir: string;
  /** The provider the speed pass ran on (the one scoring uses for the same choice). */
  provider: ProviderName;
  embeddingSize: number | null;
  /** Where the thresholds behind the flags came from. */
  calibration: BoardAnalysis['calibration'] | null;
  /** Null when no frame could be read. */
  speed: ModelSpeed | null;
  memory: ModelMemory | null;
  retrieval: ModelRetrieval;
  /** Frames with a score (image and caption embedded). */
  scored: number;
  /** Frames with at least one active warning, as the board view counts them. */
  flaggedFrames: number;
  /** Active flags per kind. */
  flagCounts: Partial<Record<FlagKind, number>>;
  /** GPU fallbacks and the like, from scoring and from the speed pass. */
  notices: string[];
}

/** One model's view of one frame. */
export interface ComparisonCell {
  modelId: string;
  /** The frame against its own caption; null without both embeddings. */
  cosine: number | null;
  clipScore: number | null;
  /** Active flags (ones marked as intended are left out), in FLAG_KINDS order. */
  flags: FrameFlag[];
  /** Each flag in plain words with its numbers (common/flagSentences.ts flagText), in flags' order: what the comparison page shows. */
  flagTexts: string[];
  /** Rank of the frame's own caption among the board's captions (1 is best); null outside the retrieval set. */
  imageToCaptionRank: number | null;
  /** Rank of the frame among the board's frames for its caption; null outside the retrieval set. */
  captionToImageRank: number | null;
  /** Why the frame has no score under this model. */
  error?: AppErrorData;
}

export interface ComparisonFrame {
  frameId: string;
  shot: string;
  sceneId: string;
  caption: string | null;
  /** One per model, in the order of ModelComparison.models. */
  cells: ComparisonCell[];
}

/** A frame where some models raise a flag kind and others do not. */
export interface FlagDisagreement {
  frameId: string;
  shot: string;
  kind: FlagKind;
  /** Model ids, in the order of ModelComparison.models. */
  flaggedBy: string[];
  notFlaggedBy: string[];
}

/** Spearman's rank correlation of two models' cosines over the frames both scored. */
export interface ScoreRankCorrelation {
  modelA: string;
  modelB: string;
  /** Average ranks for ties; null with fewer than two frames or when one side has all scores equal. */
  spearman: number | null;
  frames: number;
}

/**
 * The frames caption retrieval runs over: those every model embedded both ways, so each model
 * answers the same test. Ranks count ties against the model: a candidate with exactly the same
 * cosine as the right one ranks ahead of it (two identical captions can never be told apart).
 */
export interface RetrievalSet {
  frames: number;
  excludedNoCaption: number;
  /** Captioned frames some model could not embed (an unreadable image, a failed run). */
  excludedNotEmbedded: number;
}

/** Two or more models on one board, side by side. */
export interface ModelComparison {
  board: { name: string; folder: string; frames: number };
  /** ISO 8601. */
  comparedAt: string;
  providerChoice: ProviderChoice;
  models: ComparedModel[];
  /** Story order. */
  frames: ComparisonFrame[];
  disagreements: FlagDisagreement[];
  /** Every pair of models, in request order. */
  correlations: ScoreRankCorrelation[];
  retrieval: RetrievalSet;
  /** Things a person should know about the comparison itself. */
  notes: string[];
}
