// Analysis: the drift detectors over a scored board (engine/analysis)

import type { ClipScore } from './core.ts';

// Plain data: a BoardAnalysis crosses IPC and HTTP as it is. Embeddings stay in the engine.

/** What a flag says is wrong; detectors first, then the engine's warnings shown as flags. */
export type FlagKind =
  | 'caption-drift'
  | 'caption-mismatch'
  | 'caption-swap'
  | 'style-drift'
  | 'style-prompt'
  | 'palette-drift'
  | 'continuity'
  | 'off-center'
  | 'time-of-day'
  | 'interior-exterior'
  | 'shot-size'
  | 'no-caption'
  | 'caption-truncated'
  | 'crop-loss'
  | 'transparency';

export type FlagSeverity = 'warning' | 'info';

/** How loud a kind is on a board: 'off' not reported, 'info' a note, 'warning' as the detector decides (common/flagLevels.ts). */
export type FlagLevel = 'off' | 'info' | 'warning';

export interface FrameFlag {
  kind: FlagKind;
  severity: FlagSeverity;
  /** Plain language naming the shots: "Shot 12 looks more like shot 14's caption (0.31 vs 0.24)." */
  reason: string;
  /** The numbers behind the reason (cosines, robust z-scores, thresholds, ΔE), by name. */
  numbers: Record<string, number>;
  /** Other frames the reason names (the better-fitting caption's frame, the swap partner). */
  relatedFrameIds: string[];
  /** The person marked this flag as intended: still shown, no longer counted or exported. */
  acknowledged: boolean;
}

/** One of the board's captions scored against a frame. */
export interface CaptionMatch {
  frameId: string;
  shot: string;
  cosine: number;
}

/** CIELAB (D65): L* in [0, 100], a* and b* roughly [-128, 127]. */
export type LabColour = [number, number, number];

export interface DominantColour {
  lab: LabColour;
  /** sRGB, '#rrggbb', for display. */
  hex: string;
  /** Share of the sampled pixels, 0..1. */
  share: number;
}

/** A frame's colour statistics in CIELAB, from its pixels composited over white. */
export interface PaletteStats {
  meanLab: LabColour;
  /** Standard deviation of each channel; std of L* is the frame's tonal contrast. */
  stdLab: LabColour;
  /** Mean of sqrt(a*² + b*²): how saturated the frame is overall. */
  chromaMean: number;
  /** Largest share first. */
  dominant: DominantColour[];
  pixelCount: number;
}

/** Median and spread of one measure over the board; z = (value - median) / scale. */
export interface RobustSummary {
  count: number;
  median: number;
  /** Median absolute deviation. */
  mad: number;
  /** max(1.4826 · MAD, a floor per measure): the floor keeps a near-constant series from flagging noise. */
  scale: number;
}

/** What the zero-shot checks read from a frame's image embedding. */
export type LookCheck = 'time-of-day' | 'interior-exterior' | 'shot-size';

/** The look labels per check: day | night | dusk; interior | exterior; close-up | medium | wide. */
export type LookLabel = 'day' | 'night' | 'dusk' | 'interior' | 'exterior' | 'close-up' | 'medium' | 'wide';

/** One check's reading of a frame, made where the script or the shot list states what it should be. */
export interface LookReading {
  check: LookCheck;
  /** The label whose prompts fit the frame best. */
  looks: LookLabel;
  /** Each label's cosine with the frame: the mean over its prompts. */
  scores: Partial<Record<LookLabel, number>>;
  /** The labels that agree with the statement (an MCU may look close-up or medium). */
  stated: LookLabel[];
  /** Who states it, in words: "Scene 3 is EXT. DESERT - NIGHT", "The shot list's Shot Size says CU". */
  statedBy: string;
  /**
   * How far the best label outside `stated` beats the best one inside, as a share of the board's
   * typical spread between this check's labels; above the lookMarginRatio threshold it is flagged.
   */
  margin: number;
}

/** One part of a caption scored against its frame on its own. */
export interface CaptionPart {
  text: string;
  kind: 'sentence' | 'clause' | 'phrase';
  cosine: number;
  /** False: the frame does not show this part (below the model's drift line, or far below the caption's best part). */
  shown: boolean;
  /** The part itself is over the model's context and was cut (a sentence of over 75 tokens). */
  truncated: boolean;
}

/** A caption explained part by part; the frame's score stays the whole caption's CLIP score. */
export interface CaptionBreakdown {
  parts: CaptionPart[];
  /** "shows: a rider, dunes; weak: the sunrise". */
  summary: string;
  /** The caption is over the model's context: its sentences are the parts, so none goes unscored. */
  longCaption: boolean;
}

/** How a raw score reads for the model in use (common/scoreReading.ts). */
export type ScoreReading = 'good' | 'borderline' | 'poor';

/** The lines a score is read against, and where they come from. */
export interface ScoreScale {
  poorBelow: number;
  goodFrom: number;
  /** 'model': the model's calibration; 'model-and-board': its drift line, and the board's spread for good; 'board': the board's spread alone. */
  source: 'model' | 'model-and-board' | 'board';
  /** For a tooltip: "Reading from this board's spread (the model has no calibration): median 0.27; …". */
  description: string;
}

export interface FrameAnalysis {
  frameId: string;
  shot: string;
  sceneId: string;
  /** The caption text that was embedded (prompt syntax cleaned when the setting applied); null without a caption. */
  scoredCaption: string | null;
  /** True when prompt-syntax cleaning changed the caption. */
  captionCleaned: boolean;
  /** The frame against its own caption; null without both embeddings. */
  score: ClipScore | null;
  /** The score read for this model (BoardAnalysis.scoreScale); null without a score or a scale. */
  scoreReading: ScoreReading | null;
  /** Robust z of the cosine within the board; null when the board has too few scored frames. */
  captionZ: number | null;
  /** The board's captions that fit this frame best, own caption included when it is among them. */
  top3: CaptionMatch[];
  /** The best caption other than the frame's own. */
  bestOther: CaptionMatch | null;
  /** Cosine with the style centroid (pinned references, or the rest of the series). */
  styleSimilarity: number | null;
  styleZ: number | null;
  /** Cosine with the rest of its scene (same measure as styleSimilarity). */
  sceneStyleSimilarity: number | null;
  /** Cosine of the raw image embedding with the project style prompt. */
  stylePromptCosine: number | null;
  /** Distance (CIELAB units) from the robust palette of the rest of its scene. */
  paletteDistance: number | null;
  /** Cosine with the previous frame of its scene; null for a scene's first frame. */
  continuity: number | null;
  /** Board median of continuity minus this frame's: how sudden the change is. */
  continuityDrop: number | null;
  /** The whole frame (mean of square crops, or padded to square) against the caption, when embedded. */
  fullFrameScore: ClipScore | null;
  /** The zero-shot checks' readings (time of day, interior/exterior, shot size), only where something states the answer. */
  looks: LookReading[];
  /** The caption part by part; null without a caption, or before its parts are embedded. */
  breakdown: CaptionBreakdown | null;
  flags: FrameFlag[];
}

/** Column arrays over the frames in story order, for the series chart; null where not measured. */
export interface AnalysisSeries {
  frameIds: string[];
  shots: string[];
  /** Index of each scene's first frame. */
  sceneStarts: number[];
  cosine: (number | null)[];
  captionZ: (number | null)[];
  styleSimilarity: (number | null)[];
  stylePromptCosine: (number | null)[];
  paletteDistance: (number | null)[];
  continuity: (number | null)[];
  /** Per frame, the kinds of its flags that need a look (common/flags.ts). */
  flags: FlagKind[][];
}

/** How captions were searched for a better fit: every caption, or a candidate set when the board is large. */
export interface CaptionSearchInfo {
  mode: 'board' | 'candidates';
  /** Mean number of captions each frame was compared with. */
  candidatesPerFrame: number;
  /** Plain-language description of the candidate set. */
  description: string;
}

export interface BoardAnalysis {
  frames: FrameAnalysis[];
  /** The thresholds in force: project settings over the model's calibration over generic defaults. */
  thresholds: AnalysisThresholds;
  /** Where the model's thresholds came from; 'generic' when the model has no calibration. */
  calibration: 'measured' | 'provisional' | 'generic';
  /** What each frame's scoreReading was read against; null with no calibration and too few scores. */
  scoreScale: ScoreScale | null;
  caption: RobustSummary | null;
  style: RobustSummary | null;
  stylePrompt: RobustSummary | null;
  palette: RobustSummary | null;
  continuity: RobustSummary | null;
  series: AnalysisSeries;
  /** Flags that need a look (active warnings) per kind; see common/flags.ts. */
  flagCounts: Partial<Record<FlagKind, number>>;
  /** Active info-level flags per kind: shown, not counted as flagged. */
  noteCounts: Partial<Record<FlagKind, number>>;
  /** Frames with at least one active warning (info flags such as crop loss do not count). */
  flaggedFrames: number;
  acknowledgedFlags: number;
  captionSearch: CaptionSearchInfo;
  styleContent: StyleContentMode;
  /** Frame ids the style centroid was taken from; empty when it is the whole series. */
  styleReferences: string[];
  /** Things about the run a person should know (an unknown pinned frame, a detector without data). */
  notes: string[];
}

/** Every threshold a project may set (CLI: --threshold NAME=VALUE). */
export interface AnalysisThresholds {
  /** Absolute: a frame whose cosine with its caption is below this drifts (per model). */
  captionDriftCosine: number;
  /** Relative: this many robust deviations below the board's median drifts. */
  captionOutlierZ: number;
  /** Another shot's caption must beat the frame's own by at least this much (a floor, in the model's cosine)... */
  mismatchMarginCosine: number;
  /** ...and its lead must stand out from the board's leads by this many robust deviations: the model's own spread. */
  mismatchMarginZ: number;
  /** Absolute: raw image cosine with the rest of its scene below this drifts in style (per model). */
  styleDriftCosine: number;
  /** Relative: style similarity this many robust deviations below the board's median. */
  styleOutlierZ: number;
  /** Relative: cosine with the project style prompt this many robust deviations below the median. */
  stylePromptOutlierZ: number;
  /** Palette distance this many robust deviations above the board's median... */
  paletteOutlierZ: number;
  /** ...and at least this far (CIELAB units) from its scene. */
  paletteMinDistance: number;
  /** Neighbour similarity this many robust deviations below the board's median. */
  continuityOutlierZ: number;
  /** Full-frame score above the center-crop score by this much: the subject may sit outside the crop. */
  offCenterMarginCosine: number;
  /**
   * Relative: a frame contradicts its script or shot list when the label it looks like beats the
   * stated one by this share of the board's typical spread between the labels.
   */
  lookMarginRatio: number;
  /** A caption part this far below the caption's best part is weak (per model). */
  partWeakMarginCosine: number;
}

export type ThresholdName = keyof AnalysisThresholds;

/** When to strip image-generator prompt syntax before embedding a caption. */
export type PromptSyntaxCleaning = 'image-metadata' | 'always' | 'never';

/** 'remove-caption': the image embedding minus its component along its own caption, so content pulls less. */
export type StyleContentMode = 'raw' | 'remove-caption';

/** 'center': what CLIP sees; 'crops': also the mean of overlapping square crops; 'pad': also the frame padded to square. */
export type WideFrameScoring = 'center' | 'crops' | 'pad';

/** A flag a person marked as intended, for one frame. */
export interface FlagAcknowledgement {
  frameId: string;
  kind: FlagKind;
  note?: string;
}

/** Where a frame stands in review: approved, needs changes, or to be redone. */
export type ReviewStatus = 'approved' | 'needs-changes' | 'redo';

/** A frame's review, kept with the board's settings; a frame without one has none. */
export interface FrameReview {
  frameId: string;
  /** null: no status, only a comment. */
  status: ReviewStatus | null;
  /** A short comment ('' for none). */
  comment: string;
}

/** A change to frames' reviews: a status (null clears it) and/or a comment ('' clears it); absent: unchanged. */
export interface ReviewChange {
  status?: ReviewStatus | null;
  comment?: string;
}

/** One flag of one frame, for acting on several at once. */
export interface FlagRef {
  frameId: string;
  kind: FlagKind;
}

/** Per-project analysis settings (stored as JSON by the project state; parsed by the engine). */
export interface AnalysisSettings {
  version: 1;
  /** Overrides of the model's thresholds; absent names use the model's or the generic defaults. */
  thresholds: Partial<AnalysisThresholds>;
  /** "graphite pencil sketch, muted colors": scored against every frame when set. */
  stylePrompt: string | null;
  /** Frame ids pinned as the style to hold; empty: the whole series is the reference. */
  styleReferences: string[];
  acknowledgements: FlagAcknowledgement[];
  cleanPromptSyntax: PromptSyntaxCleaning;
  styleContent: StyleContentMode;
  wideFrames: WideFrameScoring;
  /** Scene id → index of its screenplay heading (null: none), where the person corrected the match. */
  sceneHeadings: Record<string, number | null>;
  /** Per kind, where it differs from the vocabulary's default: off, info or warning (common/flagLevels.ts). */
  flagLevels: Partial<Record<FlagKind, FlagLevel>>;
  /** Review status and comment per frame, one entry per frame that has either. */
  reviews: FrameReview[];
}

/** The analysis columns of the export, per frame, as text. */
export interface AnalysisExportRow {
  /** Labels of the active flags that need a look, comma-separated. */
  flags: string;
  /** Labels of the active notes (info flags, not counted as flagged), comma-separated. */
  notes: string;
  /** The active flags' reasons, joined with ' | '. */
  reason: string;
  best_other_shot: string;
  style_similarity: string;
  palette_distance: string;
  /** The part-by-part reading of the caption: "shows: a rider, dunes; weak: the sunrise". */
  caption_breakdown: string;
  /** The zero-shot readings where something states the answer: "night (day 0.22, night 0.31); wide". */
  looks_like: string;
}
