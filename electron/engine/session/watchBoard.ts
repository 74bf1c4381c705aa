// Watches an open board's folder: a changed frame, caption or manifest calls back once the
// burst of file events settles (editors write in several steps). Files still exactly as the app
// itself wrote them (isOwnWrite) are left out, checked when the burst settles, by which time the
// app has recorded its write.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface BoardWatcher {
  close(): void;
}

export interface WatchOptions {
  /** True for a file the app wrote and nobody changed since (engine's OwnWrites). */
  isOwnWrite?: (path: string) => boolean;
  /** Bursts that settled, and how many of them called onChange: tests count rescans with it. */
  onSettled?: (rescanned: boolean) => void;
}

const SETTLE_MS = 400;
const REWATCH_AFTER_BURST = process.platform === 'linux';
// Hidden files (our atomic writes' temp files among them) and temp files never change what is scored.
const IGNORED = /(^|[\\/])\.|\.tmp$/;

export function watchBoard(folder: string, onChange: () => void, options: WatchOptions = {}): BoardWatcher {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let closed = false;
  // Null: an event without a file name, which always rescans.
  const changed = new Set<string | null>();
  const settle = () => {
    const names = [...changed];
    changed.clear();
    // Node 20's recursive watch on Linux watches each file's inode and loses a file replaced by a
    // rename (every atomic write, ours included), reporting it as a plain 'change': watching
    // afresh after each burst picks the new file up.
    if (REWATCH_AFTER_BURST) {
      watcher?.close();
      start();
    }
    const real = names.some((name) => name === null || !(options.isOwnWrite?.(join(folder, name)) ?? false));
    if (real) onChange();
    options.onSettled?.(real);
  };
  const start = () => {
    if (closed) return;
    try {
      watcher = watch(folder, { recursive: true }, (_event, name) => {
        if (name && IGNORED.test(name)) return;
        changed.add(name ?? null);
        clearTimeout(timer);
        timer = setTimeout(settle, SETTLE_MS);
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      // A folder that cannot be watched (network drive, too many watches) still works, unwatched.
    }
  };
  start();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
