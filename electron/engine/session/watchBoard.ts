// Watches an open board's folder: a changed frame, caption or manifest calls back once the
// burst of file events settles (editors write in several steps).
import { watch, type FSWatcher } from 'node:fs';

export interface BoardWatcher {
  close(): void;
}

const SETTLE_MS = 400;
// Our own writes and files that never change what is scored.
const IGNORED = /(^|[\\/])(\.|frameproof\.json$)|\.tmp$/;

export function watchBoard(folder: string, onChange: () => void): BoardWatcher {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(folder, { recursive: true }, (_event, name) => {
      if (name && IGNORED.test(name)) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, SETTLE_MS);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // A folder that cannot be watched (network drive, too many watches) still works, unwatched.
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
