// What the analysis reads: a board's frames in story order, with what scoring computed for each
// (embeddings, the frame's score, the whole-frame score, pixel statistics). Engine-internal (Float32Array does not go through JSON);
// what comes out, BoardAnalysis, is plain data in api.ts.
import type {
  AnalysisSettings,
  CaptionSourceKind,
  ClipScore,
  FrameFlag,
  FrameWarning,
  LookCheck,
  LookLabel,
  PaletteStats,
  ScoreCalibration,
} from '../../common/api.ts';

/** A text's cached embedding (look prompts, caption parts), L2-normalized; truncated: over the model's context. */
export interface EmbeddedText {
  vector: Float32Array;
  truncated: boolean;
}

export type EmbeddedTexts = ReadonlyMap<string, EmbeddedText>;

/** What the script or shot list states a frame should look like, for one check. */
export interface LookStatement {
  check: LookCheck;
  /** The labels that agree with the statement. */
  stated: LookLabel[];
  /** Who says so, in words that start a sentence: "Scene 3 is EXT. DESERT - NIGHT". */
  statedBy: string;
}

export interface AnalysisFrame {
  id: string;
  /** The shot label as shown to people: "12", "12A", "sc01_sh020". */
  shot: string;
  sceneId: string;
  /** The scene's name for reasons; the id when absent. */
  sceneName?: string;
  caption: string | null;
  /** The text that was embedded (the board's scored caption); the caption when absent. */
  scoredCaption?: string | null;
  /** True when prompt-syntax cleaning changed the caption before it was embedded. */
  captionCleaned?: boolean;
  captionSource: CaptionSourceKind;
  /** L2-normalized, from the center crop CLIP sees. */
  imageEmbedding?: Float32Array;
  /** L2-normalized embedding of scoredCaption. */
  captionEmbedding?: Float32Array;
  /** The frame against its own caption, as scoring computed it: present exactly when both embeddings are. */
  score?: ClipScore;
  /** The whole frame (square crops averaged, or padded) against its caption, when scoring scored it. */
  fullFrameScore?: ClipScore;
  warnings: FrameWarning[];
  /** Caption tokens including start and end, before truncation. */
  tokenCount?: number;
  /** The caption has more than tokenCount tokens (counting stops at a limit). */
  tokenCountLimited?: boolean;
  contextLength?: number;
  truncated?: boolean;
  palette?: PaletteStats;
  imageWidth?: number;
  imageHeight?: number;
  /** What the script heading or the shot list states about its look; none: nothing is checked. */
  statements?: LookStatement[];
}

export interface AnalysisInput {
  /** Story order, scene by scene. */
  frames: readonly AnalysisFrame[];
  settings?: AnalysisSettings;
  /** The model's thresholds from the catalog; null or absent: generic defaults. */
  calibration?: ScoreCalibration | null;
  /** L2-normalized embedding of settings.stylePrompt (the caller embeds it). */
  stylePromptEmbedding?: Float32Array;
  /** Embeddings of the look prompts and the caption parts (analysisTexts lists them); absent texts are not read. */
  texts?: EmbeddedTexts;
}

/** A flag before acknowledgements are applied, with the frame it belongs to. */
export interface DraftFlag {
  index: number;
  flag: Omit<FrameFlag, 'acknowledged'>;
}
