// A folder given on the command line (`frameproof-app /path/to/board`, or a second launch that
// the single-instance lock hands to the running app).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export function folderFromArgs(argv: readonly string[], cwd: string): string | undefined {
  // Electron's own flags and the app path come first; the folder is the last plain argument.
  for (const arg of [...argv].reverse()) {
    if (arg.startsWith('-') || arg.endsWith('.js') || arg === '.') continue;
    const path = resolve(cwd, arg);
    try {
      if (statSync(path).isDirectory()) return path;
    } catch {
      // not a path
    }
  }
  return undefined;
}
