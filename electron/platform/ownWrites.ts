// What Frameproof itself last wrote into a board folder (a caption file, frameproof.json): path,
// size and mtime right after the write. The folder watcher asks it, so the app's own writes do not
// rescan the board, while any later change to the same file (another size or mtime) still does.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

type Written = { size: number; mtimeMs: number } | 'absent';

function current(path: string): Written {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return 'absent';
  }
}

export class OwnWrites {
  private readonly written = new Map<string, Written>();

  /** Call right after writing (or deleting) the file. */
  record(path: string): void {
    this.written.set(resolve(path), current(path));
  }

  /** True while the file is exactly as Frameproof left it. */
  matches(path: string): boolean {
    const full = resolve(path);
    const mine = this.written.get(full);
    if (mine === undefined) return false;
    const now = current(full);
    if (mine === 'absent' || now === 'absent') return mine === now;
    return mine.size === now.size && mine.mtimeMs === now.mtimeMs;
  }
}
