// Whether a path belongs to the opened board: its real path (every link resolved) lies inside the
// real path of the board folder. Every reader, the frame server and caption write-back ask here,
// so a link (or a Storyboarder url) that leaves the board is never followed. Links that stay
// inside the board work as any other file.
import { realpath } from 'node:fs/promises';
import { isAbsolute, posix, relative, sep } from 'node:path';
import type { Board, BoardProblem, Frame } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { problem } from './problems.ts';

export interface BoardBoundary {
  /** The board folder as it was opened. */
  folder: string;
  /** Its real path: the line nothing may cross. */
  real: string;
}

export interface ResolvedPath {
  real: string;
  inside: boolean;
}

export async function boardBoundary(folder: string): Promise<BoardBoundary> {
  return { folder, real: await realpath(folder) };
}

/**
 * A path written inside a board file (a shots.csv row, a Storyboarder url) as a relative path with
 * forward slashes, or null when it is absolute or climbs out with '..'. Backslashes count as
 * separators here: these files travel between Windows and other systems.
 */
export function boardRelativeRef(value: string): string | null {
  const slashed = value.trim().split('\\').join('/');
  if (slashed === '' || slashed.startsWith('/') || /^[a-z]:\//i.test(slashed)) return null;
  const normal = posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../') || normal === '.') return null;
  return normal.startsWith('./') ? normal.slice(2) : normal;
}

/** For a path already resolved by realpath. */
export function isInsideBoard(boundary: BoardBoundary, real: string): boolean {
  const rel = relative(boundary.real, real);
  // On Windows a path on another drive comes back absolute.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `path` and whether it is inside the board. Throws realpath's errors (ENOENT, ELOOP, EACCES). */
export async function resolveInBoard(boundary: BoardBoundary, path: string): Promise<ResolvedPath> {
  const real = await realpath(path);
  return { real, inside: isInsideBoard(boundary, real) };
}

const OUTSIDE_FIX = 'Copy the file into the board folder instead of linking to it, or open the folder it points to as a board of its own.';

/** The one wording for "not read": `what` names the thing ("shot04.png", "shots.csv row 3"), `file` is board-relative. */
export function outsideBoardProblem(what: string, real: string, details: { file: string; frameId?: string; fix?: string }): BoardProblem {
  return problem('LINK_OUTSIDE_BOARD', 'warning', `${what} links outside the board (to ${real}): not read.`, {
    fix: OUTSIDE_FIX,
    ...details,
  });
}

export function outsideBoardError(file: string, real: string, doing: string): AppError {
  return new AppError('LINK_OUTSIDE_BOARD', `${file} links outside the board (to ${real}), so ${doing}.`, { file, fix: OUTSIDE_FIX });
}

/**
 * The file to serve for a frame: the real path of its image, checked again now (the file may have
 * been swapped for a link since the board was opened). A composited Storyboarder board is served
 * from Frameproof's own cache, which is not part of the board.
 */
export async function frameImageFile(board: Pick<Board, 'folder'>, frame: Pick<Frame, 'id' | 'path' | 'storyboarder'>): Promise<string> {
  if (frame.storyboarder?.image === 'composite') return frame.path;
  const resolved = await resolveInBoard(await boardBoundary(board.folder), frame.path);
  if (!resolved.inside) throw outsideBoardError(frame.id, resolved.real, 'it is not shown');
  return resolved.real;
}
