// Errors are values a person can act on: which file, what is wrong, what to do. They cross
// process and HTTP boundaries as plain data (toAppErrorData), never as class instances.
import type { AppErrorData, AppErrorCode } from '../api.ts';

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

/** One line for a terminal: "file: message. fix" */
export function formatAppError(error: AppErrorData): string {
  const where = error.file ? `${error.file}: ` : '';
  const fix = error.fix ? ` ${error.fix}` : '';
  return `${where}${error.message}${fix}`;
}
