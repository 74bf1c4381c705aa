// The web page's folder browser: it cannot read the disk, so it asks for one folder's subfolders at
// a time. Only folders, only those the OS user can open, never files; the OS decides what is readable.
import { constants, type Dirent } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FolderListing } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';

/** Past this many subfolders the listing is cut (a folder of thousands is no place to browse). */
export const FOLDER_LISTING_LIMIT = 500;

async function readableFolder(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false;
    await access(path, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function listFolders(folder: string | null, home: string, limit = FOLDER_LISTING_LIMIT): Promise<FolderListing> {
  if (folder !== null && !isAbsolute(folder)) {
    throw new AppError('INVALID_ARGUMENT', `"${folder}" is not a full path.`, {
      fix: "Give the folder's full path, e.g. /home/you/boards.",
    });
  }
  const target = resolve(folder ?? home);
  const info = await stat(target).catch(() => undefined);
  if (!info)
    throw new AppError('FOLDER_NOT_FOUND', 'This folder does not exist.', {
      file: target,
      fix: 'Check the path, or pick a folder from the list.',
    });
  if (!info.isDirectory())
    throw new AppError('FOLDER_UNREADABLE', 'This is a file, not a folder.', {
      file: target,
      fix: 'Choose the folder that holds the images.',
    });
  let entries: Dirent[];
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch {
    throw new AppError('FOLDER_UNREADABLE', 'Frameproof may not read this folder.', {
      file: target,
      fix: 'Choose a folder your user account can open.',
    });
  }
  const candidates = entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
  const folders: FolderListing['folders'] = [];
  for (const name of candidates) {
    if (folders.length === limit) break;
    const path = join(target, name);
    if (await readableFolder(path)) folders.push({ name, path });
  }
  const parent = dirname(target);
  return {
    folder: target,
    parent: parent === target ? null : parent,
    folders,
    truncated: folders.length === limit && candidates.length > limit,
  };
}
