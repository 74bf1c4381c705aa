// Errors, results, execution providers, warnings, tokens and scores: what every part shares.

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
  // Calls: what the caller asked for cannot be done now, or at all.
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'USAGE'
  | 'INVALID_CONFIG'
  | 'NO_BOARD_OPEN'
  | 'NO_WINDOW'
  | 'NOTHING_TO_UNDO'
  | 'NOTHING_TO_REDO'
  | 'NOTHING_TO_EXPORT'
  | 'BUSY'
  | 'CANCELLED'
  | 'SCORING_CANCELLED'
  | 'SHUTTING_DOWN'
  | 'REFUSED'
  | 'TIMEOUT'
  | 'INTERNAL_ERROR'
  | 'ENGINE_STOPPED'
  | 'FILE_UNREADABLE'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_UNAVAILABLE'
  // The cache database was rebuilt on its own (notices, not failures; see StoreNotice).
  | 'DATABASE_MOVED_ASIDE'
  | 'DATABASE_REPLACED'
  // Boards: opening a folder (mostly reported as BoardProblem values, not thrown).
  | 'FOLDER_NOT_FOUND'
  | 'FOLDER_UNREADABLE'
  | 'BOARD_EMPTY'
  | 'SYMLINK_LOOP'
  | 'LINK_OUTSIDE_BOARD'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_ROW_INVALID'
  | 'MANIFEST_FILE_MISSING'
  | 'MANIFEST_FRAME_UNLISTED'
  | 'STORYBOARDER_INVALID'
  | 'STORYBOARDER_IMAGE_MISSING'
  | 'CAPTION_UNREADABLE'
  | 'CAPTION_LARGE'
  | 'METADATA_UNREADABLE'
  | 'METADATA_TOO_LARGE'
  | 'SCRIPT_INVALID'
  | 'SCRIPT_UNMATCHED'
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
  | 'MODEL_AMBIGUOUS'
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
  /** Token ids with start and end tokens, untruncated up to the count limit (cut there when countLimited). */
  ids: number[];
  /** Exactly the context length: truncated with the last id forced to the end token, padded with 0. */
  contextIds: number[];
  truncated: boolean;
  /** Tokens including start and end, before truncation; when countLimited, the caption has more. */
  tokenCount: number;
  /** Counting stopped at the limit: the caption has more than tokenCount tokens. */
  countLimited: boolean;
  contextLength: number;
}

export interface ClipScore {
  /** Cosine of the L2-normalized image and text embeddings, in [-1, 1]. */
  cosine: number;
  /** torchmetrics CLIPScore: 100 * max(cosine, 0). */
  clipScore: number;
}
