// Argument parsing shared by the CLI's commands: one place that turns a parse failure into the
// one-line usage error, and the options every model-running command takes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../common/errors.ts';

export function usageError(message: string): AppError {
  return new AppError('USAGE', message, { fix: 'Run frameproof --help for usage.' });
}

/** --provider and --threads, for every command that runs a model. */
export const ENGINE_OPTIONS = {
  provider: { type: 'string', default: 'auto' },
  threads: { type: 'string' },
} as const;

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

export function threadsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw usageError(`--threads must be a whole number from 1 to 256, not "${value}".`);
  return n;
}
