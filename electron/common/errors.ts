// Errors are values a person can act on: which file, what is wrong, what to do. They cross
// process and HTTP boundaries as plain data (toAppErrorData), never as class instances.
import type { AppErrorData, AppErrorCode } from './api.ts';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly file: string | undefined;
  readonly fix: string | undefined;

  constructor(code: AppErrorCode, message: string, options: { file?: string; fix?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.file = options.file;
    this.fix = options.fix;
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, { ...(data.file && { file: data.file }), ...(data.fix && { fix: data.fix }) });
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...(this.file && { file: this.file }), ...(this.fix && { fix: this.fix }) };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Any thrown value as error data: an AppError keeps its fields; anything else gets the fallback's
 * code and file (INTERNAL_ERROR by default) with its own message.
 */
export function toErrorData(error: unknown, fallback: Partial<Omit<AppErrorData, 'message'>> = {}): AppErrorData {
  if (error instanceof AppError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: fallback.code ?? 'INTERNAL_ERROR',
    message,
    ...(fallback.file && { file: fallback.file }),
    ...(fallback.fix && { fix: fallback.fix }),
  };
}

/** The errno code of a Node error ('ENOENT', 'EACCES'...), if it has one. */
export function errnoOf(error: unknown): string | undefined {
  // fetch and undici wrap the socket's error: its code is on the cause.
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** One line for a terminal: "file: message. fix" */
export function formatAppError(error: AppErrorData): string {
  const where = error.file ? `${error.file}: ` : '';
  const fix = error.fix ? ` ${error.fix}` : '';
  return `${where}${error.message}${fix}`;
}
