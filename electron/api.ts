// The one typed API between the engine and its hosts (Electron renderer, web host, CLI).
// Type-only: nothing here exists at run time.

export type AppErrorCode =
  | 'IMAGE_UNREADABLE'
  | 'IMAGE_EMPTY'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_UNSUPPORTED'
  | 'FILE_NOT_FOUND'
  | 'MODEL_FILE_MISSING'
  | 'MODEL_INVALID'
  | 'MODEL_INPUT_MISSING'
  | 'MODEL_OUTPUT_MISSING'
  | 'MODEL_MISMATCH'
  | 'TOKENIZER_INVALID'
  | 'PROVIDER_UNAVAILABLE'
  | 'INFERENCE_FAILED'
  | 'INVALID_ARGUMENT'
  | 'SCORING_CANCELLED'
  | 'INTERNAL_ERROR'
  | 'ENGINE_STOPPED'
  | 'FILE_UNREADABLE'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_UNAVAILABLE'
  // Boards: opening a folder (mostly reported as BoardProblem values, not thrown).
  | 'FOLDER_NOT_FOUND'
  | 'FOLDER_UNREADABLE'
  | 'SYMLINK_LOOP'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_ROW_INVALID'
  | 'MANIFEST_FILE_MISSING'
  | 'STORYBOARDER_INVALID'
  | 'STORYBOARDER_IMAGE_MISSING'
  | 'CAPTION_UNREADABLE'
  | 'CAPTION_LARGE'
  | 'METADATA_UNREADABLE'
  // Boards: writing a caption back.
  | 'FRAME_NOT_FOUND'
  | 'FOLDER_READ_ONLY'
  | 'FILE_READ_ONLY'
  | 'CAPTION_SOURCE_CHANGED'
  | 'CAPTION_FILE_ENCODING'
  | 'CAPTION_WRITE_FAILED'
  // Models: the catalog, downloads, imports.
  | 'CATALOG_INVALID'
  | 'REGISTRY_INVALID'
  | 'MODEL_UNKNOWN'
  | 'MODEL_NOT_INSTALLED'
  | 'MODEL_ID_TAKEN'
  | 'DOWNLOAD_OFFLINE'
  | 'DOWNLOAD_HTTP'
  | 'DOWNLOAD_FAILED'
  | 'DOWNLOAD_TIMEOUT'
  | 'DOWNLOAD_CANCELLED'
  | 'DOWNLOAD_CHECKSUM'
  | 'DOWNLOAD_SIZE'
  | 'DOWNLOAD_INSECURE'
  | 'PROXY_FAILED'
  | 'DISK_FULL'
  // Exports: the scored shot list.
  | 'EXPORT_FORMAT_UNKNOWN'
  | 'EXPORT_FAILED';

export interface AppErrorData {
  code: AppErrorCode;
  message: string;
  file?: string;
  fix?: string;
}

/**
 * Something the embedding cache did on its own that a person should hear about: a damaged or
 * foreign database moved aside and rebuilt, or a database deleted while open and started afresh.
 */
export interface StoreNotice {
  kind: 'moved-aside' | 'reopened';
  message: string;
  /** The database file. */
  file: string;
  /** Where the old file went ('moved-aside' only). */
  movedTo?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Execution providers Frameproof knows; 'auto' picks the best one that starts. */
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';
export type ProviderChoice = ProviderName | 'auto';

export interface ProviderAttempt {
  provider: ProviderName;
  ok: boolean;
  /** True when it was not tried at all (absent on this machine); false when it was tried and failed. */
  skipped?: boolean;
  /** Why a provider was skipped or failed. */
  reason?: string;
}

export interface ProviderReport {
  /** The provider that runs the model. */
  used: ProviderName;
  attempts: ProviderAttempt[];
}

export type FrameWarningCode = 'TRANSPARENCY' | 'EXIF_ROTATED' | 'CROP_LOSS' | 'CAPTION_TRUNCATED';

export interface FrameWarning {
  code: FrameWarningCode;
  message: string;
}

export interface TextTokens {
  /** Token ids with start and end tokens, untruncated. */
  ids: number[];
  /** Exactly the context length: truncated with the last id forced to the end token, padded with 0. */
  contextIds: number[];
  truncated: boolean;
  /** Tokens including start and end, before truncation. */
  tokenCount: number;
  contextLength: number;
}

export interface ClipScore {
  /** Cosine of the L2-normalized image and text embeddings, in [-1, 1]. */
  cosine: number;
  /** torchmetrics CLIPScore: 100 * max(cosine, 0). */
  clipScore: number;
}

// ---- Boards: a storyboard folder, its frames, and where each caption lives ----
// Plain data all the way down, so a Board crosses IPC and HTTP as it is.
// Every `file` below is relative to Board.folder, with forward slashes.

/** How a caption file's bytes are encoded; 'windows-1252' is what "Latin-1" files really are. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type StoryboarderCaptionField = 'action' | 'dialogue' | 'notes';

export type ImageMetadataField =
  | 'png:parameters'
  | 'png:prompt'
  | 'png:Description'
  | 'png:Comment'
  | 'exif:ImageDescription'
  | 'exif:UserComment'
  | 'exif:XPComment'
  | 'xmp:dc:description';

/** The tool whose prompt format a metadata caption was read in, when recognised. */
export type PromptGenerator = 'a1111' | 'comfyui' | 'novelai';

/** Where a frame's caption came from, precise enough to write it back there. */
export type CaptionSource =
  /** shots.csv: row is the 1-based data row (the header is row 0), line the 1-based line it starts on. */
  | { kind: 'manifest-csv'; file: string; row: number; line: number; column: string }
  /** storyboard.json: index into its `shots` array. */
  | { kind: 'manifest-json'; file: string; index: number }
  | { kind: 'storyboarder'; file: string; boardUid: string; boardIndex: number; field: StoryboarderCaptionField }
  | { kind: 'sidecar'; file: string; encoding: TextEncodingName; sizeBytes: number }
  | { kind: 'image-metadata'; file: string; field: ImageMetadataField; generator: PromptGenerator | null }
  | { kind: 'none' };

export type CaptionSourceKind = CaptionSource['kind'];

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something about the folder a person may want to fix; the board opens regardless. */
export interface BoardProblem extends AppErrorData {
  severity: ProblemSeverity;
  /** The frame it concerns, when it concerns one. */
  frameId?: string;
}

export interface ShotLabel {
  /** From the manifest's shot column, the Storyboarder board, or the last number in the file name. */
  number: number | null;
  label: string;
}

/** A manifest column Frameproof does not interpret, carried along for the export. */
export interface ExtraField {
  name: string;
  value: string;
}

export interface StoryboarderBoardInfo {
  file: string;
  boardUid: string;
  boardIndex: number;
  durationMs: number | null;
  /** posterframe: Storyboarder's own flattened JPEG; composite: layers flattened by Frameproof into the cache. */
  image: 'posterframe' | 'composite';
}

export interface Frame {
  /** Relative path, forward slashes; for a Storyboarder board its images/<url>, whichever image is scored. */
  id: string;
  name: string;
  /** Absolute path of the image to score (a cache file for a composited Storyboarder board). */
  path: string;
  sceneId: string;
  shot: ShotLabel;
  sizeBytes: number;
  mtimeMs: number;
  caption: string | null;
  captionSource: CaptionSource;
  /** Prompt-like text from PNG chunks, EXIF or XMP: the drift check cleans prompt syntax for these. */
  captionFromImageMetadata: boolean;
  /** The manifest row or Storyboarder board that lists this frame, even when its caption there is empty. */
  entry: CaptionSource | null;
  extra: ExtraField[];
  storyboarder?: StoryboarderBoardInfo;
  problems: BoardProblem[];
}

export interface Scene {
  /** '.' for the frames at the top of the folder, the relative path for a subfolder, 'manifest:<name>' for a scene only the manifest names. */
  id: string;
  name: string;
  /** Relative folder ('.' for the top level); null for a scene only the manifest names. */
  folder: string | null;
  frameIds: string[];
}

export interface ManifestInfo {
  file: string;
  format: 'csv' | 'json';
  encoding: TextEncodingName;
  /** CSV only. */
  separator?: ',' | ';' | '\t';
  /** Every column (CSV header) or key (JSON, first-seen order). */
  columns: string[];
  /** The columns carried along as Frame.extra, in file order. */
  extraColumns: string[];
  rowCount: number;
}

export interface Board {
  folder: string;
  name: string;
  scenes: Scene[];
  /** Story order, scene by scene. */
  frames: Frame[];
  problems: BoardProblem[];
  manifest?: ManifestInfo;
}

/** What writeCaption did, with what undoCaption needs to put the bytes back exactly. */
export interface CaptionEdit {
  frameId: string;
  /** Where the caption was written (a new sidecar for a metadata or missing caption). */
  target: CaptionSource;
  /** The caption text the target held before; null when it held none or the file was created. */
  previousText: string | null;
  createdFile: boolean;
  encoding: TextEncodingName;
  previousEncoding: TextEncodingName;
  /** The change in the file's decoded text: at offset, `removed` was replaced by `inserted`. */
  change: { offset: number; removed: string; inserted: string };
  /** The frame's caption fields before the edit, restored by undo. */
  previousFrame: Pick<Frame, 'caption' | 'captionSource' | 'captionFromImageMetadata'>;
  /** The frame after the edit. */
  frame: Frame;
}

// ---- Models: the catalog (resources/models.json), installed models, downloads ----

/** 'full' is the fp32 export; 'fast' the int8-quantized one (smaller and faster, slightly different scores). */
export type ModelVariant = 'full' | 'fast';
/** Where an installed model came from: downloaded from the catalog, or a folder the person imported. */
export type ModelSource = 'catalog' | 'import';
/** Hugging Face/Xenova (onnx/text_model.onnx + onnx/vision_model.onnx) or Immich (textual/ + visual/). */
export type ModelLayout = 'xenova' | 'immich';

/** Default thresholds for the drift detectors, per model: CLIP cosines are not comparable across models. */
export interface ScoreCalibration {
  /** A caption whose cosine with its frame is below this is flagged as drifting. */
  captionDriftCosine: number;
  /** A score this many robust standard deviations (median/MAD) below its series median is an outlier. */
  captionOutlierZ: number;
  /** A frame whose image embedding has a cosine below this with its scene's centroid drifts in style. */
  styleDriftCosine: number;
  /** Another shot's caption must beat the frame's own by at least this much to report a mismatch. */
  mismatchMarginCosine: number;
  /** 'provisional': a starting point, not yet measured on a labelled set for this model. */
  status: 'provisional' | 'measured';
  note: string;
}

export interface ModelPreprocessInfo {
  imageSize: number;
  resize: string;
  crop: string;
  mean: [number, number, number];
  std: [number, number, number];
}

export interface ModelLicenseInfo {
  /** SPDX id of the weights' licence. */
  spdx: string;
  url: string;
  note: string;
}

export interface CatalogFileInfo {
  /** Path inside the Hugging Face repository. */
  path: string;
  /** Path inside the installed model folder (a quantized file is installed under the plain name). */
  target: string;
  /** Pinned to the model's revision on the default endpoint; HF_ENDPOINT replaces the host. */
  url: string;
  /** Exact size, used for verification; null when unknown. */
  sizeBytes: number | null;
  /** A rounded size for display only (never used to verify); null when unknown. */
  approxSizeBytes: number | null;
  /** The Git LFS object id (SHA-256 of the content); null when it could not be found. */
  sha256: string | null;
  /** Why sha256 is null. */
  sha256Unknown?: string;
}

export interface CatalogModelInfo {
  id: string;
  name: string;
  description: string;
  /** Models that differ only in variant share a family (e.g. 'clip-vit-b-32'). */
  family: string;
  variant: ModelVariant;
  repo: string;
  /** A commit hash, or a branch name when no commit could be pinned (then revisionPinned is false). */
  revision: string;
  revisionPinned: boolean;
  revisionNote?: string;
  embeddingDim: number;
  preprocess: ModelPreprocessInfo;
  license: ModelLicenseInfo;
  calibration: ScoreCalibration;
  /** What the fast variant costs in fidelity; null for full models. */
  fidelity: string | null;
  files: CatalogFileInfo[];
  /** Exact download size when every file's size is known, else null. */
  downloadBytes: number | null;
  /** Approximate download size for display (sum of exact and approximate sizes). */
  approxDownloadBytes: number;
  /** Targets of files with no published SHA-256: checked by size only where the size is known, else not at all. */
  unverifiedFiles: string[];
}

export interface InstalledModelFile {
  /** Relative to the model folder. */
  path: string;
  sizeBytes: number;
  /** Computed while downloading (always for downloads; imports are not hashed). */
  sha256?: string;
  /** How the content was checked against the catalog: its SHA-256, its size only, or not at all. */
  verified: 'sha256' | 'size' | 'none';
}

export interface InstalledModel {
  id: string;
  name: string;
  source: ModelSource;
  layout: ModelLayout;
  /** The folder ClipModel opens (for an Immich import, a small adapter folder in the data folder). */
  path: string;
  /** The person's own folder, for imports. */
  importedFrom?: string;
  files: InstalledModelFile[];
  sizeBytes: number;
  /** ISO 8601. */
  installedAt: string;
  embeddingDim: number;
  catalog?: { revision: string; variant: ModelVariant };
  /** Things the person should know, e.g. files that could not be checked against a checksum. */
  warnings: string[];
}

/** One row of the Models page: an installed model, a catalog model not installed yet, or both. */
export interface ModelListEntry {
  id: string;
  name: string;
  /** installed: ready; available: in the catalog, not downloaded; missing: registered but its folder is gone. */
  status: 'installed' | 'available' | 'missing';
  isDefault: boolean;
  source: ModelSource | null;
  variant: ModelVariant | null;
  embeddingDim: number | null;
  description: string | null;
  path: string | null;
  /** Disk use of an installed model (0 for an import registered in place: Frameproof stores nothing). */
  diskBytes: number;
  /** Bytes of an interrupted download kept for resuming. */
  partialBytes: number;
  downloadBytes: number | null;
  approxDownloadBytes: number | null;
  warnings: string[];
}

export interface ModelList {
  defaultId: string;
  /** No model installed yet: offer the default model (its approxDownloadBytes) or an import. */
  firstRun: boolean;
  modelsDir: string;
  models: ModelListEntry[];
}

export type ModelDownloadPhase = 'waiting' | 'downloading' | 'verifying' | 'validating' | 'done';

export interface ModelDownloadProgress {
  modelId: string;
  phase: ModelDownloadPhase;
  /** The file being downloaded (its target path), when downloading. */
  file: string | null;
  fileIndex: number;
  fileCount: number;
  /** Bytes on disk for this model so far, resumed bytes included. */
  bytesDone: number;
  /** The whole model; approximate (bytesTotalApprox) while some file's exact size is unknown; null when no size is known at all. */
  bytesTotal: number | null;
  bytesTotalApprox: boolean;
  /** Over the last few seconds; null until measured. */
  rateBytesPerSec: number | null;
  etaSeconds: number | null;
}

/** What a --model argument (an installed id or a folder) resolved to. */
export interface ResolvedModel {
  dir: string;
  /** The registry id; null for a folder given directly. */
  id: string | null;
  name: string;
  source: ModelSource | 'folder';
  /** The catalog's thresholds for a catalog model; null otherwise (use generic defaults). */
  calibration: ScoreCalibration | null;
  embeddingDim: number | null;
}

// ---- Analysis: the drift detectors over a scored board (engine/analysis) ----
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
  | 'no-caption'
  | 'caption-truncated'
  | 'crop-loss'
  | 'transparency';

export type FlagSeverity = 'warning' | 'info';

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
  /** Active (not acknowledged) flag kinds per frame. */
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
  caption: RobustSummary | null;
  style: RobustSummary | null;
  stylePrompt: RobustSummary | null;
  palette: RobustSummary | null;
  continuity: RobustSummary | null;
  series: AnalysisSeries;
  /** Active flags per kind (acknowledged ones not counted). */
  flagCounts: Partial<Record<FlagKind, number>>;
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
  /** Another shot's caption must beat the frame's own by this much. */
  mismatchMarginCosine: number;
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
}

/** The analysis columns of the export, per frame, as text. */
export interface AnalysisExportRow {
  /** Active flag kinds, comma-separated. */
  flags: string;
  /** The active flags' reasons, joined with ' | '. */
  reason: string;
  best_other_shot: string;
  style_similarity: string;
  palette_distance: string;
}

// ---- Scoring a board ----

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
  tokens: { count: number; truncated: boolean; contextLength: number } | null;
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

/** Everything a host shows about an open board. */
export interface BoardView {
  board: Board;
  /** By frame id. */
  scores: Record<string, FrameScore>;
  analysis: BoardAnalysis | null;
  model: ModelSummary | null;
  settings: AnalysisSettings;
  /** Where the settings are kept: frameproof.json in the board folder, or null for the database. */
  settingsFile: string | null;
  /** Frames that still need the model (nothing cached for them). */
  unscored: number;
  /** Problems with the project itself (settings that could not be read). */
  notices: AppErrorData[];
}

// ---- The application API: what the renderer may ask of the engine ----
// One interface for both hosts: Electron (IPC through the preload) and the local web host (HTTP).

export interface RecentBoard {
  folder: string;
  name: string;
  openedAtMs: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** The board that ships with Frameproof. */
  sampleBoard: string;
  recentBoards: RecentBoard[];
  models: ModelList;
  /** The model chosen for this run (--model, or the app's setting): an id or a folder; null for the default. */
  activeModel: string | null;
  /** Threads and provider the engine uses for new runs. */
  provider: ProviderChoice;
  threads: number | null;
}

/** An export as the app delivers it: the file written, and for the web host a URL to fetch it from. */
export interface ExportDelivery extends ExportResult {
  url: string | null;
}

/** The parts of the project settings the app edits; absent: unchanged. */
export interface SettingsPatch {
  thresholds?: Partial<AnalysisThresholds>;
  stylePrompt?: string | null;
  styleReferences?: string[];
  cleanPromptSyntax?: PromptSyntaxCleaning;
  styleContent?: StyleContentMode;
  wideFrames?: WideFrameScoring;
}

export interface EngineSettingsPatch {
  provider?: ProviderChoice;
  threads?: number | null;
  model?: string;
}

export interface CaptionTokenInfo {
  count: number;
  contextLength: number;
  truncated: boolean;
}

/** A message for the status bar or a frame card; never a dialog storm. */
export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
  frameId?: string;
  error?: AppErrorData;
}

export type Unsubscribe = () => void;

export interface FrameproofApi {
  getAppInfo(): Promise<AppInfo>;
  /** The board the engine has open (a reloaded page, a folder given on the command line), if any. */
  currentBoard(): Promise<BoardView | null>;
  openBoard(folder: string): Promise<BoardView>;
  openSampleBoard(): Promise<BoardView>;
  /** Scores what the cache lacks; progress arrives through onProgress. */
  scoreBoard(): Promise<BoardView>;
  cancelScoring(): Promise<void>;
  setCaption(frameId: string, text: string): Promise<BoardView>;
  undoCaption(): Promise<BoardView>;
  countTokens(text: string): Promise<CaptionTokenInfo>;
  acknowledgeFlag(frameId: string, kind: FlagKind, acknowledged: boolean): Promise<BoardView>;
  updateSettings(patch: SettingsPatch): Promise<BoardView>;
  updateEngineSettings(patch: EngineSettingsPatch): Promise<AppInfo>;
  exportBoard(format: ExportFormat): Promise<ExportDelivery>;
  listModels(): Promise<ModelList>;
  /** Downloads a catalog model (resumable, checksummed); progress arrives through onModelProgress. */
  downloadModel(id: string): Promise<ModelList>;
  cancelModelDownload(): Promise<void>;
  removeModel(id: string): Promise<ModelList>;
  /** Two or more installed models on the open board, side by side; progress through onCompareProgress. */
  compareModels(models: string[]): Promise<ModelComparison>;
  /** Writes the last comparison as HTML or JSON (the web host returns a URL to download it). */
  exportComparison(format: 'html' | 'json'): Promise<ExportDelivery>;
  onProgress(listener: (progress: ScoreProgress) => void): Unsubscribe;
  onBoardChanged(listener: (view: BoardView) => void): Unsubscribe;
  onNotice(listener: (notice: AppNotice) => void): Unsubscribe;
  onModelProgress(listener: (progress: ModelDownloadProgress) => void): Unsubscribe;
  onCompareProgress(listener: (progress: ComparisonProgress) => void): Unsubscribe;
  /** Menu commands for the page (Electron's app menu). */
  onCommand(listener: (command: 'settings' | 'export') => void): Unsubscribe;
}

/** The request-response half of the API: what crosses IPC and HTTP as calls. */
export type FrameproofCalls = { [K in keyof FrameproofApi as K extends `on${string}` ? never : K]: FrameproofApi[K] };
export type FrameproofMethod = keyof FrameproofCalls;

/** Events pushed from the engine to the page. */
export type FrameproofEvent =
  | { type: 'progress'; progress: ScoreProgress }
  | { type: 'boardChanged'; view: BoardView }
  | { type: 'notice'; notice: AppNotice }
  | { type: 'modelProgress'; progress: ModelDownloadProgress }
  | { type: 'compareProgress'; progress: ComparisonProgress }
  /** A menu command for the page (Electron's app menu). */
  | { type: 'command'; command: 'settings' | 'export' };

// ---- Export: the scored shot list (engine/export) ----

/** csv: a spreadsheet row per frame; json: everything; html: a self-contained report; pdf: a contact sheet. */
export type ExportFormat = 'csv' | 'json' | 'html' | 'pdf';

/** What an export wrote. */
export interface ExportResult {
  /** Absolute path of the file written. */
  file: string;
  format: ExportFormat;
  sizeBytes: number;
  frameCount: number;
  /** Things the person should know: thumbnails that could not be made, characters a PDF font lacks. */
  notes: string[];
}

// ---- Comparing models on one board (engine/compare) ----
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
