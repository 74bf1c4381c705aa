// A board's analysis settings live with the board: frameproof.json in its folder, so they travel
// with it to another machine. A read-only folder keeps them in the database instead. A
// frameproof.json that links out of the board is not read (the board's containment rule).
import { access, constants, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisSettings, AppErrorData } from '../../common/api.ts';
import { defaultAnalysisSettings, parseAnalysisSettings } from '../analysis/index.ts';
import { boardBoundary, resolveInBoard } from '../board/index.ts';
import type { Store } from '../store/index.ts';
import { errnoOf } from '../../common/errors.ts';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';

export const SETTINGS_FILE = 'frameproof.json';

export interface LoadedSettings {
  settings: AnalysisSettings;
  /** Where they are kept: the file in the board folder, or null for the database. */
  file: string | null;
  /** Settings that could not be read as written (kept as they were; defaults used meanwhile). */
  problem?: AppErrorData;
}

async function writable(folder: string): Promise<boolean> {
  try {
    await access(folder, constants.W_OK);
    // Root passes access() on a read-only folder: the mode bits say what the person meant.
    return process.platform === 'win32' || ((await stat(folder)).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

function parse(text: string, file: string | undefined): { settings: AnalysisSettings; problem?: AppErrorData } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      settings: defaultAnalysisSettings(),
      problem: {
        code: 'INVALID_CONFIG',
        message: `The project settings are not valid JSON (${(error as Error).message}); defaults are used until they are fixed.`,
        ...(file && { file }),
        fix: 'Correct the file, or delete it to start from the defaults.',
      },
    };
  }
  const result = parseAnalysisSettings(json, file ? { file } : {});
  return result.ok ? { settings: result.value } : { settings: defaultAnalysisSettings(), problem: result.error };
}

export async function loadSettings(folder: string, store: Store): Promise<LoadedSettings> {
  const file = join(folder, SETTINGS_FILE);
  const resolved = await resolveInBoard(await boardBoundary(folder), file).catch(() => null);
  if (resolved && !resolved.inside) {
    return {
      settings: defaultAnalysisSettings(),
      file,
      problem: {
        code: 'LINK_OUTSIDE_BOARD',
        message: `${SETTINGS_FILE} links outside the board (to ${resolved.real}): not read; defaults are used, and saving settings replaces the link with a file of the board's own.`,
        file,
        fix: `Copy the settings into the board folder instead of linking to them.`,
      },
    };
  }
  try {
    const text = await readFile(file, 'utf8');
    return { ...parse(text, file), file };
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') {
      return {
        settings: defaultAnalysisSettings(),
        file,
        problem: { code: 'FILE_UNREADABLE', message: 'The project settings cannot be read.', file },
      };
    }
  }
  const saved = store.getProjectState(folder);
  if (saved) return { ...parse(saved.json, undefined), file: null };
  return { settings: defaultAnalysisSettings(), file: (await writable(folder)) ? file : null };
}

/** Writes atomically next to the board, or to the database when the folder refuses writes. */
export async function saveSettings(folder: string, settings: AnalysisSettings, store: Store): Promise<string | null> {
  const file = join(folder, SETTINGS_FILE);
  const text = `${JSON.stringify(settings, null, 2)}\n`;
  if (!(await writable(folder))) {
    store.setProjectState(folder, text);
    return null;
  }
  try {
    await writeFileAtomic(file, text);
    return file;
  } catch {
    store.setProjectState(folder, text);
    return null;
  }
}
