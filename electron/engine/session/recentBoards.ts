// The boards a person opened lately, newest first, kept in the data folder.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentBoard } from '../../common/api.ts';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';

const FILE = 'recent-boards.json';
const KEEP = 12;

function isRecent(value: unknown): value is RecentBoard {
  const v = value as RecentBoard;
  return (
    typeof v === 'object' && v !== null && typeof v.folder === 'string' && typeof v.name === 'string' && typeof v.openedAtMs === 'number'
  );
}

export async function readRecentBoards(dataDir: string): Promise<RecentBoard[]> {
  try {
    const json: unknown = JSON.parse(await readFile(join(dataDir, FILE), 'utf8'));
    return Array.isArray(json) ? json.filter(isRecent).slice(0, KEEP) : [];
  } catch {
    return []; // missing or damaged: a list of conveniences, not data worth an error
  }
}

export async function rememberBoard(dataDir: string, folder: string, name = basename(folder)): Promise<RecentBoard[]> {
  const list = [{ folder, name, openedAtMs: Date.now() }, ...(await readRecentBoards(dataDir)).filter((b) => b.folder !== folder)].slice(
    0,
    KEEP,
  );
  await writeFileAtomic(join(dataDir, FILE), JSON.stringify(list, null, 2));
  return list;
}
