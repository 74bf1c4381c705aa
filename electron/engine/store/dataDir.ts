// Where Frameproof keeps its own files: the per-user app-data folder, never the storyboard folder
// (boards live on shared drives and in version control; a cache there would travel with them).
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

const APP_NAME = 'Frameproof';
/** The database's file name inside the data folder. */
export const STORE_FILE_NAME = 'frameproof.sqlite';

export interface DataDirContext {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** FRAMEPROOF_DATA_DIR if set, else the OS app-data folder for Frameproof. */
export function defaultDataDir(context: DataDirContext = {}): string {
  const env = context.env ?? process.env;
  const platform = context.platform ?? process.platform;
  const home = context.home ?? homedir();
  if (env.FRAMEPROOF_DATA_DIR) return env.FRAMEPROOF_DATA_DIR;
  if (platform === 'win32') return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_NAME);
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), APP_NAME);
}

/** The database file in the default data folder. */
export function defaultStoreFile(context: DataDirContext = {}): string {
  const dir = defaultDataDir(context);
  return (context.platform ?? process.platform) === 'win32' ? win32.join(dir, STORE_FILE_NAME) : posix.join(dir, STORE_FILE_NAME);
}
