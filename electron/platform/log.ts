// The app's log: one file in the app-data folder, one line per record ("ISO-time pid process
// level message"), rotated by size. In the desktop app only main writes the file (the engine
// process forwards its records); the CLI and the web host append their own lines to the same file.
// Secrets never reach the disk: registered strings and token=... parameters are masked first.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errnoOf } from '../common/errors.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type ProcessKind = 'main' | 'engine' | 'cli' | 'web';

export const LOG_FILE_NAME = 'frameproof.log';

export interface LogRecord {
  /** ISO 8601, UTC. */
  time: string;
  pid: number;
  process: ProcessKind;
  level: LogLevel;
  message: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Writes a record made elsewhere (the engine process's, forwarded by main) as it is. */
  write(record: LogRecord): void;
  /** From now on this string is masked wherever it appears (the web host's per-run token). */
  addSecret(secret: string): void;
}

const MASK = '[redacted]';
// A token in a link (?token=... or &token=...) is a secret whoever logs it.
const TOKEN_PARAMETER = /([?&;\s]token=)[^&#\s"']+/gi;

/** The text with every secret and every token=... parameter masked. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret) out = out.split(secret).join(MASK);
  return out.replace(TOKEN_PARAMETER, `$1${MASK}`);
}

/** One line of the file: fields separated by spaces, the message last and on one line. */
export function formatLogLine(record: LogRecord): string {
  const message = record.message.replace(/\r?\n/g, '\\n');
  return `${record.time} ${record.pid} ${record.process} ${record.level} ${message}\n`;
}

export interface LogFileOptions {
  /** The app-data folder; created on the first write. */
  dir: string;
  /** Rotate before the file would grow past this (default 5 MB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one: frameproof.log.1 (newest) ... .N (default 3). */
  keep?: number;
}

/**
 * Appends lines to the log file, synchronously so the last line before a crash is on disk.
 * Logging never throws: a log that cannot be written must not take the app down with it.
 */
export class LogFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number | undefined;
  private failed = false;

  constructor(private readonly options: LogFileOptions) {
    this.file = join(options.dir, LOG_FILE_NAME);
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  append(line: string): void {
    try {
      const bytes = Buffer.byteLength(line);
      this.size ??= this.currentSize();
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line);
      this.size += bytes;
    } catch (error) {
      // Said once on stderr, then the app carries on without a log.
      if (!this.failed) process.stderr.write(`frameproof: cannot write the log ${this.file}: ${(error as Error).message}\n`);
      this.failed = true;
      this.size = undefined;
    }
  }

  private currentSize(): number {
    mkdirSync(this.options.dir, { recursive: true });
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  /** frameproof.log -> .1 -> .2 ...; the one past `keep` is deleted. */
  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n--) renameIfThere(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    if (this.keep > 0) renameIfThere(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.size = 0;
  }
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    // Another process (the CLI beside the app) may have rotated it first.
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
}

export interface LoggerOptions {
  process: ProcessKind;
  /** Where finished records go: a LogFile (main, CLI, web host) or the parent process (engine). */
  sink: (record: LogRecord) => void;
  pid?: number;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = new Set<string>();
  const pid = options.pid ?? process.pid;
  const write = (record: LogRecord) => options.sink({ ...record, message: redact(record.message, secrets) });
  const at = (level: LogLevel) => (message: string) =>
    write({ time: new Date().toISOString(), pid, process: options.process, level, message });
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    write,
    addSecret: (secret) => void (secret && secrets.add(secret)),
  };
}

/** The logger of a process that owns the file: main, the CLI, the web host. */
export function openLog(options: LogFileOptions & { process: ProcessKind }): Logger {
  const file = new LogFile(options);
  return createLogger({ process: options.process, sink: (record) => file.append(formatLogLine(record)) });
}

/** A thrown value for the log (not for people): its stack when it has one. */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
