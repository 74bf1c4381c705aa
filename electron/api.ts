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
  | 'INVALID_ARGUMENT';

export interface AppErrorData {
  code: AppErrorCode;
  message: string;
  file?: string;
  fix?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Execution providers Frameproof knows; 'auto' picks the best one that starts. */
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';
export type ProviderChoice = ProviderName | 'auto';

export interface ProviderAttempt {
  provider: ProviderName;
  ok: boolean;
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
