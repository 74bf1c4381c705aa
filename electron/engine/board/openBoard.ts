// Opens a storyboard folder into a Board: frames, scenes, captions and everything worth telling
// the person about it. Only a missing or unreadable folder throws; the rest are BoardProblems.
//
// Story order: with a manifest, the frames it names come first, in its row order (a shot list is
// the author's own order), then the others; without one, the folder order: frames at the top of
// the folder, then each subfolder, in natural order, Storyboarder boards in project order. A scene
// is the frame's folder, or the manifest's scene column where it names one; frames are listed
// scene by scene, scenes in the order their first frame comes. A frame the manifest does not name
// stays with the frames of its folder (in the scene of its nearest named neighbour there), with a
// note that it is not in the manifest.
//
// Every file is read through containment.ts: nothing outside the board folder is read.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, posix, resolve } from 'node:path';
import type { Board, BoardProblem, Frame, Scene, ShotLabel } from '../../common/api.ts';
import { AppError, errnoOf } from '../../common/errors.ts';
import { resolveCaption, type CaptionCandidate } from './captionResolve.ts';
import { outsideBoardProblem, resolveInBoard, type BoardBoundary } from './containment.ts';
import { isFrameFile } from './frameFiles.ts';
import { readManifest } from './manifest.ts';
import type { ManifestEntry } from './manifestTypes.ts';
import { mapLimit } from './mapLimit.ts';
import { errorMessage, problem } from './problems.ts';
import { scanFolder, type ScannedFolder } from './scan.ts';
import { shotFromFileName, shotFromLabel } from './shotLabel.ts';
import { indexFolderFiles, type FolderFiles } from './sidecar.ts';
import { readScript } from './screenplay.ts';
import { readStoryboarderProject } from './storyboarder.ts';

export interface OpenBoardOptions {
  /** Where Frameproof may write derived images (Storyboarder composites); never the board folder. */
  cacheDir: string;
}

interface Candidate extends CaptionCandidate {
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  /** Other relative paths a manifest may use for this frame (a board's posterframe). */
  aliases: string[];
  folderRel: string;
  shot: ShotLabel;
}

const CAPTION_CONCURRENCY = 4;

function imageCandidate(folder: ScannedFolder, files: FolderFiles, image: ScannedFolder['images'][number]): Candidate {
  return {
    id: image.id,
    name: image.name,
    path: image.path,
    sizeBytes: image.sizeBytes,
    mtimeMs: image.mtimeMs,
    aliases: [],
    folderRel: folder.rel,
    shot: shotFromFileName(image.name),
    storyboarder: null,
    sidecarFolder: { path: folder.path, rel: folder.rel, files, imageName: image.name },
  };
}

async function collectCandidates(
  boundary: BoardBoundary,
  folders: readonly ScannedFolder[],
  cacheDir: string,
  problems: BoardProblem[],
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const folder of folders) {
    for (const fileName of folder.storyboarderFiles) {
      const project = await readStoryboarderProject(boundary, folder, fileName, cacheDir);
      problems.push(...project.problems);
      for (const frame of project.frames) {
        candidates.push({
          id: frame.id,
          name: frame.name,
          path: frame.path,
          sizeBytes: frame.sizeBytes,
          mtimeMs: frame.mtimeMs,
          aliases: frame.imageId ? [frame.imageId] : [],
          folderRel: folder.rel,
          shot: frame.shot,
          storyboarder: frame,
          sidecarFolder: null,
        });
      }
    }
    const files = indexFolderFiles(folder.fileNames);
    for (const image of folder.images) candidates.push(imageCandidate(folder, files, image));
  }
  return candidates;
}

/** A file the manifest names that the scan did not list (deeper, or in an ignored folder); a problem when it leads outside the board. */
async function manifestOnlyCandidate(boundary: BoardBoundary, entry: ManifestEntry): Promise<Candidate | BoardProblem | null> {
  const path = join(boundary.folder, ...entry.ref.split('/'));
  const resolved = await resolveInBoard(boundary, path).catch(() => null);
  if (!resolved || !isFrameFile(entry.ref)) return null;
  if (!resolved.inside) return outsideBoardProblem(`${entry.where} names ${entry.ref}, which`, resolved.real, { file: entry.ref });
  const info = await stat(resolved.real).catch(() => null);
  if (!info?.isFile()) return null;
  const root = boundary.folder;
  const dirRel = posix.dirname(entry.ref);
  const dirPath = join(root, ...(dirRel === '.' ? [] : dirRel.split('/')));
  const names = await readdir(dirPath).catch(() => [] as string[]);
  const name = posix.basename(entry.ref);
  return {
    id: entry.ref,
    name,
    path,
    sizeBytes: info.size,
    mtimeMs: info.mtimeMs,
    aliases: [],
    folderRel: dirRel,
    shot: shotFromFileName(name),
    storyboarder: null,
    sidecarFolder: { path: dirPath, rel: dirRel, files: indexFolderFiles(names), imageName: name },
  };
}

function indexCandidates(candidates: readonly Candidate[]): { exact: Map<string, Candidate>; lower: Map<string, Candidate[]> } {
  const exact = new Map<string, Candidate>();
  const lower = new Map<string, Candidate[]>();
  for (const c of candidates) {
    for (const key of [c.id, ...c.aliases]) {
      exact.set(key, c);
      lower.set(key.toLowerCase(), [...(lower.get(key.toLowerCase()) ?? []), c]);
    }
  }
  return { exact, lower };
}

/**
 * For each candidate the manifest does not name, the scene of the nearest named frame of the same
 * folder: the one before it in folder order, else the one after it. Candidates of one folder are
 * next to each other (collectCandidates lists folder by folder).
 */
function folderNeighbourScenes(candidates: readonly Candidate[], sceneOf: ReadonlyMap<Candidate, Scene>): (Scene | undefined)[] {
  const result: (Scene | undefined)[] = new Array(candidates.length).fill(undefined);
  const sweep = (indices: number[]): void => {
    let folder: string | null = null;
    let last: Scene | undefined;
    for (const i of indices) {
      const c = candidates[i] as Candidate;
      if (c.folderRel !== folder) [folder, last] = [c.folderRel, undefined];
      const own = sceneOf.get(c);
      if (own) last = own;
      else result[i] ??= last;
    }
  };
  const order = candidates.map((_, i) => i);
  sweep(order);
  sweep(order.reverse());
  return result;
}

const LISTED_IN_SUMMARY = 5;

function unlistedSummary(manifestFile: string, ids: readonly string[]): BoardProblem {
  const named =
    ids.slice(0, LISTED_IN_SUMMARY).join(', ') + (ids.length > LISTED_IN_SUMMARY ? `, and ${ids.length - LISTED_IN_SUMMARY} more` : '');
  const count = ids.length === 1 ? '1 frame is' : `${ids.length} frames are`;
  return problem(
    'MANIFEST_FRAME_UNLISTED',
    'info',
    `${count} not in ${manifestFile} (${named}); each stays in its folder's scene, after the frames ${manifestFile} names.`,
    {
      file: manifestFile,
      fix: `Add a row to ${manifestFile} for each frame to give it its place in the story.`,
    },
  );
}

export async function openBoard(folder: string, options: OpenBoardOptions): Promise<Board> {
  const root = resolve(folder);
  const info = await stat(root).catch(() => null);
  if (!info)
    throw new AppError('FOLDER_NOT_FOUND', `The folder ${root} does not exist.`, {
      file: root,
      fix: 'Choose an existing storyboard folder.',
    });
  if (!info.isDirectory())
    throw new AppError('FOLDER_NOT_FOUND', `${root} is a file, not a folder.`, {
      file: root,
      fix: 'Choose the folder that holds the frames.',
    });
  const cacheReal = await realpath(options.cacheDir).catch(() => resolve(options.cacheDir));
  const scan = await scanFolder(root, { skip: [cacheReal] }).catch((error: unknown) => {
    throw new AppError('FOLDER_UNREADABLE', `The folder ${root} could not be read (${errnoOf(error) ?? errorMessage(error)}).`, {
      file: root,
      fix: 'Check that you may read the folder, then open it again.',
      cause: error,
    });
  });
  const problems: BoardProblem[] = [...scan.problems];
  const { boundary } = scan;
  const candidates = await collectCandidates(boundary, scan.folders, options.cacheDir, problems);
  const top = scan.folders[0];
  const manifest = top ? await readManifest(boundary, top.fileNames) : null;
  if (manifest) problems.push(...manifest.problems);

  // Match manifest rows to frames: exact path, else a unique case-insensitive match.
  const entryOf = new Map<Candidate, ManifestEntry>();
  const named: Candidate[] = [];
  const index = indexCandidates(candidates);
  for (const entry of manifest?.entries ?? []) {
    const sameCase = index.lower.get(entry.ref.toLowerCase());
    let candidate = index.exact.get(entry.ref) ?? (sameCase?.length === 1 ? sameCase[0] : undefined);
    if (!candidate) {
      const extra = await manifestOnlyCandidate(boundary, entry);
      if (extra && 'code' in extra) {
        problems.push(extra);
        continue;
      }
      if (extra) {
        candidates.push(extra);
        index.exact.set(extra.id, extra);
        candidate = extra;
      }
    }
    if (!candidate) {
      problems.push(
        problem(
          'MANIFEST_FILE_MISSING',
          'warning',
          `${entry.where} names "${entry.file}", which is not in the board folder; that row is not on the board.`,
          { file: entry.ref, fix: `Correct the file name in ${manifest?.info.file ?? 'the manifest'}, or put the image back.` },
        ),
      );
      continue;
    }
    const earlier = entryOf.get(candidate);
    if (earlier) {
      problems.push(
        problem(
          'MANIFEST_ROW_INVALID',
          'warning',
          `${entry.where} names ${candidate.id} again (${earlier.where} already does); the later row was ignored.`,
          { file: manifest?.info.file ?? entry.ref, fix: 'Delete one of the two rows.' },
        ),
      );
      continue;
    }
    entryOf.set(candidate, entry);
    named.push(candidate);
  }

  const resolved = await mapLimit(candidates, CAPTION_CONCURRENCY, (c) => resolveCaption(c, entryOf.get(c) ?? null, boundary));
  const rootName = basename(root);
  const scenes = new Map<string, Scene>();
  const folderScene = (rel: string): Scene => {
    const existing = scenes.get(rel);
    if (existing) return existing;
    const scene: Scene = { id: rel, name: rel === '.' ? rootName : posix.basename(rel), folder: rel, frameIds: [] };
    scenes.set(rel, scene);
    return scene;
  };
  const namedScene = (name: string): Scene => {
    const byName = [...scenes.values()].find((s) => s.name.toLowerCase() === name.toLowerCase());
    const folderMatch = scan.folders.find((f) => f.rel !== '.' && f.name.toLowerCase() === name.toLowerCase());
    if (byName) return byName;
    if (folderMatch) return folderScene(folderMatch.rel);
    const scene: Scene = { id: `manifest:${name}`, name, folder: null, frameIds: [] };
    scenes.set(scene.id, scene);
    return scene;
  };

  const frames = new Map<Candidate, Frame>();
  candidates.forEach((c, i) => {
    const result = resolved[i];
    if (!result) return;
    const entry = entryOf.get(c) ?? null;
    const board = c.storyboarder;
    const boardEntry = board
      ? {
          kind: 'storyboarder' as const,
          file: board.info.file,
          boardUid: board.info.boardUid,
          boardIndex: board.info.boardIndex,
          field: board.caption?.field ?? ('action' as const),
        }
      : null;
    frames.set(c, {
      id: c.id,
      name: c.name,
      path: c.path,
      sceneId: '',
      shot: entry?.shot ? shotFromLabel(entry.shot) : c.shot,
      sizeBytes: c.sizeBytes,
      mtimeMs: c.mtimeMs,
      caption: result.caption,
      captionSource: result.source,
      captionFromImageMetadata: result.fromImageMetadata,
      entry: entry?.source ?? boardEntry,
      extra: entry?.extra ?? [],
      ...(entry?.review && { sheetReview: entry.review }),
      ...(board && { storyboarder: board.info }),
      problems: result.problems,
    });
  });

  const sceneOf = new Map<Candidate, Scene>();
  const place = (c: Candidate, scene: Scene): void => {
    const frame = frames.get(c);
    if (!frame) return;
    sceneOf.set(c, scene);
    frame.sceneId = scene.id;
    scene.frameIds.push(frame.id);
  };
  for (const c of named) {
    const sceneName = entryOf.get(c)?.scene;
    place(c, sceneName ? namedScene(sceneName) : folderScene(c.folderRel));
  }
  const neighbours = folderNeighbourScenes(candidates, sceneOf);
  const unlisted: Candidate[] = [];
  candidates.forEach((c, i) => {
    if (entryOf.has(c)) return;
    const scene = neighbours[i] ?? folderScene(c.folderRel);
    place(c, scene);
    const frame = frames.get(c);
    if (manifest && manifest.entries.length > 0 && frame) {
      unlisted.push(c);
      frame.problems.push(
        problem(
          'MANIFEST_FRAME_UNLISTED',
          'info',
          `${frame.id}: not in ${manifest.info.file}; it stays in the scene ${scene.name} with the frames of its folder.`,
          {
            file: manifest.info.file,
            frameId: frame.id,
            fix: `Add a row for ${frame.id} to ${manifest.info.file} to give it its place in the story.`,
          },
        ),
      );
    }
  });
  // A frame's own warnings (a caption cut, a sidecar that links outside) are the board's too: a
  // person reads the board's list, not every frame's.
  for (const frame of frames.values()) problems.push(...frame.problems.filter((p) => p.severity !== 'info'));

  const sceneList = [...scenes.values()].filter((s) => s.frameIds.length > 0);
  const byId = new Map([...frames.values()].map((f) => [f.id, f]));
  const unlistedIds = new Set(unlisted.map((c) => c.id));
  const unlistedInOrder = sceneList.flatMap((s) => s.frameIds.filter((id) => unlistedIds.has(id)));
  if (manifest && unlistedInOrder.length > 0) problems.push(unlistedSummary(manifest.info.file, unlistedInOrder));
  const script = await readScript(boundary, scan.folders, sceneList);
  problems.push(...script.problems);
  return {
    folder: root,
    name: rootName,
    scenes: sceneList,
    frames: sceneList.flatMap((s) => s.frameIds.map((id) => byId.get(id)).filter((f): f is Frame => f !== undefined)),
    problems,
    ...(manifest && { manifest: manifest.info }),
    ...(script.script && { script: script.script }),
  };
}
