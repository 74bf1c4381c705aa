// A lock file so two Frameproof processes (the app and a CLI run, say) never write the same model's
// partial files at once: the second waits for the first and then finds the model installed.
import { abortableDelay } from './delay.ts';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError, errnoOf } from '../../common/errors.ts';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockOptions {
  /** How often to look again while another process holds the lock. */
  pollMs: number;
  /** A lock older than this is abandoned (a crashed process on another machine sharing the folder). */
  staleAfterMs?: number;
  signal?: AbortSignal;
  /** Called once when the lock is found held, with who holds it. */
  onWaiting?: (holder: LockHolder) => void;
  /** What the lock guards, for the cancellation message. */
  what: string;
}

export type Release = () => Promise<void>;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const h = json as Record<string, unknown>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string' || typeof h.startedAt !== 'string') return undefined;
    return { pid: h.pid, host: h.host, startedAt: h.startedAt };
  } catch {
    return undefined;
  }
}

function isStale(holder: LockHolder, staleAfterMs: number): boolean {
  if (holder.host === hostname() && !isAlive(holder.pid)) return true;
  const age = Date.now() - Date.parse(holder.startedAt);
  return Number.isFinite(age) && age > staleAfterMs;
}

/** A lock file nobody finished writing: its writer died between creating and filling it. */
async function isAbandonedEmpty(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > 60_000;
  } catch {
    return false;
  }
}

function pause(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return abortableDelay(ms, signal, () => new AppError('DOWNLOAD_CANCELLED', `Stopped waiting for ${what}.`));
}

export async function acquireLock(file: string, options: LockOptions): Promise<Release> {
  await mkdir(dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  let announced = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      return async () => {
        const holder = await readHolder(file);
        if (holder?.pid === me.pid && holder.startedAt === me.startedAt) await rm(file, { force: true });
      };
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder ? isStale(holder, options.staleAfterMs ?? 24 * 3600_000) : await isAbandonedEmpty(file)) {
      // Renamed first, so of two processes finding it stale only one removes it.
      const aside = `${file}.stale-${process.pid}`;
      await rename(file, aside).then(
        () => rm(aside, { force: true }),
        () => undefined,
      );
      continue;
    }
    if (holder && !announced) {
      announced = true;
      options.onWaiting?.(holder);
    }
    await pause(options.pollMs, options.signal, options.what);
  }
}

/** Who holds the lock, when someone live does. */
export async function lockHolder(file: string, staleAfterMs = 24 * 3600_000): Promise<LockHolder | undefined> {
  const holder = await readHolder(file);
  return holder && !isStale(holder, staleAfterMs) ? holder : undefined;
}
