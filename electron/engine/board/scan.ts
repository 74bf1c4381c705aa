// Walks a storyboard folder: frames at the top, one level of subfolders as scenes, and the scene
// folders of a Storyboarder script project (storyboards/<scene>/). Nothing found on the way stops
// the walk: an unreadable folder, a broken link, a link back into the board or a link out of it
// becomes a problem.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { BoardProblem } from '../../common/api.ts';
import { isInsideBoard, outsideBoardProblem, resolveInBoard, type BoardBoundary } from './containment.ts';
import { isFrameFile, isHidden, isIgnoredFolder, isReadByBoard, toId } from './frameFiles.ts';
import { mapLimit } from './mapLimit.ts';
import { naturalCompare } from './naturalSort.ts';
import { errorMessage, problem } from './problems.ts';
import { errnoOf } from '../../common/errors.ts';

export interface ScannedImage {
  id: string;
  name: string;
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

export interface ScannedFolder {
  /** '.' for the board folder itself, else the relative path with forward slashes. */
  rel: string;
  path: string;
  name: string;
  /** Frame files, in natural order. */
  images: ScannedImage[];
  /** Every plain file in the folder, for finding sidecars. */
  fileNames: Set<string>;
  /** .storyboarder project files, in natural order. */
  storyboarderFiles: string[];
}

export interface FolderScan {
  root: string;
  /** What every later read of this board is checked against. */
  boundary: BoardBoundary;
  /** The board folder first, then the scene folders in natural order. */
  folders: ScannedFolder[];
  problems: BoardProblem[];
}

interface Listing {
  files: { name: string; path: string }[];
  folders: { name: string; path: string; real: string }[];
}

const STAT_CONCURRENCY = 8;

function relativeId(rel: string, name: string): string {
  return rel === '.' ? name : `${rel}/${name}`;
}

async function entryKind(
  dir: string,
  entry: Dirent,
  rel: string,
  boundary: BoardBoundary,
  problems: BoardProblem[],
): Promise<'file' | 'folder' | null> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  if (!entry.isSymbolicLink()) return null;
  const id = relativeId(rel, entry.name);
  try {
    const resolved = await resolveInBoard(boundary, join(dir, entry.name));
    const target = await stat(resolved.real);
    // Folders are judged in scanFolder, where a link to a folder above the board is a loop.
    if (target.isDirectory()) return 'folder';
    if (!target.isFile()) return null;
    if (resolved.inside) return 'file';
    if (isReadByBoard(entry.name)) problems.push(outsideBoardProblem(id, resolved.real, { file: id }));
    return null;
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP') {
      problems.push(
        problem('SYMLINK_LOOP', 'warning', `${id} is a link that points back to itself; it was skipped.`, {
          file: id,
          fix: 'Delete the link or point it at a real folder.',
        }),
      );
    } else if (isFrameFile(entry.name)) {
      problems.push(
        problem(
          'IMAGE_UNREADABLE',
          'warning',
          `${id} is a link to a file that is not there (${code ?? errorMessage(error)}); it was skipped.`,
          { file: id, fix: 'Restore the file it points to, or delete the link.' },
        ),
      );
    }
    return null;
  }
}

async function listFolder(dir: string, rel: string, boundary: BoardBoundary, problems: BoardProblem[]): Promise<Listing | null> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (rel === '.') throw error;
    problems.push(
      problem(
        'FOLDER_UNREADABLE',
        'warning',
        `The folder ${rel} could not be read (${errnoOf(error) ?? errorMessage(error)}); its frames are not on the board.`,
        { file: rel, fix: 'Check the folder permissions, then reopen the board.' },
      ),
    );
    return null;
  }
  const listing: Listing = { files: [], folders: [] };
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const kind = await entryKind(dir, entry, rel, boundary, problems);
    const path = join(dir, entry.name);
    if (kind === 'file') listing.files.push({ name: entry.name, path });
    else if (kind === 'folder' && !isIgnoredFolder(entry.name)) {
      try {
        listing.folders.push({ name: entry.name, path, real: await realpath(path) });
      } catch (error) {
        problems.push(
          problem(
            'FOLDER_UNREADABLE',
            'warning',
            `The folder ${relativeId(rel, entry.name)} could not be opened (${errnoOf(error) ?? errorMessage(error)}).`,
            { file: relativeId(rel, entry.name) },
          ),
        );
      }
    }
  }
  listing.files.sort((a, b) => naturalCompare(a.name, b.name));
  listing.folders.sort((a, b) => naturalCompare(a.name, b.name));
  return listing;
}

async function toScannedFolder(
  listing: Listing,
  rel: string,
  path: string,
  name: string,
  problems: BoardProblem[],
): Promise<ScannedFolder> {
  const frameFiles = listing.files.filter((f) => isFrameFile(f.name));
  const stats = await mapLimit(frameFiles, STAT_CONCURRENCY, async (file) => {
    const id = toId(relativeId(rel, file.name));
    try {
      const info = await stat(file.path);
      return { id, name: file.name, path: file.path, sizeBytes: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      problems.push(
        problem('IMAGE_UNREADABLE', 'warning', `${id} could not be read (${errnoOf(error) ?? errorMessage(error)}); it was skipped.`, {
          file: id,
          fix: 'Check the file permissions, then reopen the board.',
        }),
      );
      return null;
    }
  });
  return {
    rel,
    path,
    name,
    images: stats.filter((s): s is ScannedImage => s !== null),
    fileNames: new Set(listing.files.map((f) => f.name)),
    storyboarderFiles: listing.files.filter((f) => f.name.toLowerCase().endsWith('.storyboarder')).map((f) => f.name),
  };
}

/** A link to the board itself or to a folder above it would show the board inside itself. */
function pointsBackIntoBoard(real: string, rootReal: string): boolean {
  return real === rootReal || rootReal.startsWith(real.endsWith(sep) ? real : real + sep);
}

export async function scanFolder(root: string, options: { skip?: readonly string[] } = {}): Promise<FolderScan> {
  const problems: BoardProblem[] = [];
  const rootReal = await realpath(root);
  const boundary: BoardBoundary = { folder: root, real: rootReal };
  const skip = new Set(options.skip ?? []);
  const rootListing = await listFolder(root, '.', boundary, problems);
  if (!rootListing) return { root, boundary, folders: [], problems };
  const top = await toScannedFolder(rootListing, '.', root, basename(root), problems);
  const folders: ScannedFolder[] = [top];
  const seen = new Map<string, string>([[rootReal, '.']]);
  const accept = (folder: Listing['folders'][number], rel: string): boolean => {
    if (skip.has(folder.real)) return false;
    if (pointsBackIntoBoard(folder.real, rootReal)) {
      problems.push(
        problem('SYMLINK_LOOP', 'warning', `${rel} links back to the board folder (or a folder above it); it was skipped.`, {
          file: rel,
          fix: 'Delete the link, or open the folder it points to on its own.',
        }),
      );
      return false;
    }
    if (!isInsideBoard(boundary, folder.real)) {
      problems.push(outsideBoardProblem(`The folder ${rel}`, folder.real, { file: rel }));
      return false;
    }
    const earlier = seen.get(folder.real);
    if (earlier !== undefined) {
      problems.push(
        problem('SYMLINK_LOOP', 'info', `${rel} is the same folder as ${earlier}; its frames are listed once, under ${earlier}.`, {
          file: rel,
        }),
      );
      return false;
    }
    seen.set(folder.real, rel);
    return true;
  };
  // Real folders claim their place before links that lead to them.
  const ordered = [...rootListing.folders].sort((a, b) => Number(a.path !== a.real) - Number(b.path !== b.real));
  const accepted = new Set(ordered.filter((f) => accept(f, f.name)).map((f) => f.name));

  for (const folder of rootListing.folders) {
    if (!accepted.has(folder.name)) continue;
    // A Storyboarder project keeps its layers, thumbnails and posterframes in images/.
    if (top.storyboarderFiles.length > 0 && folder.name.toLowerCase() === 'images') continue;
    const listing = await listFolder(folder.path, folder.name, boundary, problems);
    if (!listing) continue;
    const scanned = await toScannedFolder(listing, folder.name, folder.path, folder.name, problems);
    if (scanned.images.length > 0 || scanned.storyboarderFiles.length > 0) folders.push(scanned);
    // Storyboarder script projects: <board>/storyboards/<scene folder>/<scene>.storyboarder.
    if (folder.name.toLowerCase() !== 'storyboards' || scanned.storyboarderFiles.length > 0) continue;
    for (const sub of listing.folders) {
      const rel = `${folder.name}/${sub.name}`;
      if (!accept(sub, rel)) continue;
      const subListing = await listFolder(sub.path, rel, boundary, problems);
      if (!subListing || !subListing.files.some((f) => f.name.toLowerCase().endsWith('.storyboarder'))) continue;
      folders.push(await toScannedFolder(subListing, rel, sub.path, sub.name, problems));
    }
  }
  return { root, boundary, folders, problems };
}
