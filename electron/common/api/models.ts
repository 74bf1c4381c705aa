// Models: the catalog (resources/models.json), installed models, downloads

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
  /** A score at or above this reads as good for this model; absent: the board's spread decides (common/scoreReading.ts). */
  goodCosine?: number;
  /** Where these figures come from, in words: "the model catalog", "frameproof-calibration.json beside the model". */
  source?: string;
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
  /** Where the size and hash came from when not from Hugging Face itself (e.g. third-party pins). */
  figuresSource?: string;
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
  /** Where the pinned revision came from when not read off Hugging Face itself. */
  revisionSource?: string;
  /**
   * The ONNX graphs quantize activations dynamically (one scale per input tensor): run them one
   * frame and one caption at a time so an embedding never depends on its batch.
   */
  dynamicQuantization: boolean;
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
  /** Whose figure it matched: the catalog's, or the LFS hash/size Hugging Face sent on its redirect (X-Linked-Etag/-Size). */
  expectedFrom?: 'catalog' | 'server';
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
  /** For an import: 'fast' when the folder holds the dynamically quantized (q8) pair, as a transformers.js cache often does. */
  variant?: ModelVariant;
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
  /** The model this session scores with (see ModelList.inUse). */
  inUse: boolean;
  /** 'folder': a model folder given at start (--model DIR), not registered; it cannot be removed. */
  source: ModelSource | 'folder' | null;
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

/** The model a session scores with: a registered model, or a folder given at start. */
export interface ModelInUse {
  /** The registry id; null for a folder given directly. */
  id: string | null;
  name: string;
  dir: string;
}

export interface ModelList {
  defaultId: string;
  /** Null when no model can be used (none installed, or the one asked for is gone). */
  inUse: ModelInUse | null;
  /** The name of the model that would replace the one in use were it removed; null: none left. Absent with no model in use. */
  replacesInUse?: string | null;
  /** No model installed yet: offer the default model (its approxDownloadBytes) or an import. */
  firstRun: boolean;
  modelsDir: string;
  /** In use first, then installed, then gone, then available to download. */
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
