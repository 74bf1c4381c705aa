// Opens a storyboard folder into a Board: frames, scenes, captions and everything worth telling
// the person about it. Only a missing or unreadable folder throws; the rest are BoardProblems.
//
// Story order: with a manifest, the frames it names come first, in its row order (a shot list is
// the author's own order), then the others; without one, the folder order: frames at the top of
// the folder, then each subfolder, in natural order, Storyboarder boards in project order. A scene
// is the frame's folder, or the manifest's scene column where it names one; frames are listed
// scene by scene, scenes in the order their first frame comes.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, posix, resolve } from 'node:path';
import type { Board, BoardProblem, Frame, Scene, ShotLabel } from '../../common/api.ts';
import { AppError, errnoOf } from '../../common/errors.ts';
import { resolveCaption, type CaptionCandidate } from './captionResolve.ts';
import { isFrameFile } from './frameFiles.ts';
import { readManifest } from './manifest.ts';
import type { ManifestEntry } from './manifestTypes.ts';
import { mapLimit } from './mapLimit.ts';
import { errorMessage, problem } from './problems.ts';
import { scanFolder, type ScannedFolder } from './scan.ts';
import { shotFromFileName, shotFromLabel } from './shotLabel.ts';
import { indexFolderFiles, type FolderFiles } from './sidecar.ts';
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

async function collectCandidates(folders: readonly ScannedFolder[], cacheDir: string, problems: BoardProblem[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const folder of folders) {
    for (const fileName of folder.storyboarderFiles) {
      const project = await readStoryboarderProject(folder, fileName, cacheDir);
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

/** A file the manifest names that the scan did not list (deeper, or in an ignored folder). */
async function manifestOnlyCandidate(root: string, entry: ManifestEntry): Promise<Candidate | null> {
  const path = join(root, ...entry.ref.split('/'));
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || !isFrameFile(entry.ref)) return null;
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

export async function openBoard(folder: string, options: OpenBoardOptions): Promise<Board> {
  const root = resolve(folder);
  const info = await stat(root).catch(() => null);
  if (!info) throw new AppError('FOLDER_NOT_FOUND', `The folder ${root} does not exist.`, { file: root, fix: 'Choose an existing storyboard folder.' });
  if (!info.isDirectory()) throw new AppError('FOLDER_NOT_FOUND', `${root} is a file, not a folder.`, { file: root, fix: 'Choose the folder that holds the frames.' });
  const cacheReal = await realpath(options.cacheDir).catch(() => resolve(options.cacheDir));
  const scan = await scanFolder(root, { skip: [cacheReal] }).catch((error: unknown) => {
    throw new AppError('FOLDER_UNREADABLE', `The folder ${root} could not be read (${errnoOf(error) ?? errorMessage(error)}).`, { file: root, fix: 'Check that you may read the folder, then open it again.', cause: error });
  });
  const problems: BoardProblem[] = [...scan.problems];
  const candidates = await collectCandidates(scan.folders, options.cacheDir, problems);
  const top = scan.folders[0];
  const manifest = top ? await readManifest(root, top.fileNames) : null;
  if (manifest) problems.push(...manifest.problems);

  // Match manifest rows to frames: exact path, else a unique case-insensitive match.
  const entryOf = new Map<Candidate, ManifestEntry>();
  const named: Candidate[] = [];
  const index = indexCandidates(candidates);
  for (const entry of manifest?.entries ?? []) {
    const sameCase = index.lower.get(entry.ref.toLowerCase());
    let candidate = index.exact.get(entry.ref) ?? (sameCase?.length === 1 ? sameCase[0] : undefined);
    if (!candidate) {
      const extra = await manifestOnlyCandidate(root, entry);
      if (extra) {
        candidates.push(extra);
        index.exact.set(extra.id, extra);
        candidate = extra;
      }
    }
    if (!candidate) {
      problems.push(problem('MANIFEST_FILE_MISSING', 'warning', `${entry.where} names "${entry.file}", which is not in the board folder; that row is not on the board.`, { file: entry.ref, fix: `Correct the file name in ${manifest?.info.file ?? 'the manifest'}, or put the image back.` }));
      continue;
    }
    const earlier = entryOf.get(candidate);
    if (earlier) {
      problems.push(problem('MANIFEST_ROW_INVALID', 'warning', `${entry.where} names ${candidate.id} again (${earlier.where} already does); the later row was ignored.`, { file: manifest?.info.file ?? entry.ref, fix: 'Delete one of the two rows.' }));
      continue;
    }
    entryOf.set(candidate, entry);
    named.push(candidate);
  }

  const resolved = await mapLimit(candidates, CAPTION_CONCURRENCY, (c) => resolveCaption(c, entryOf.get(c) ?? null));
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
      ? { kind: 'storyboarder' as const, file: board.info.file, boardUid: board.info.boardUid, boardIndex: board.info.boardIndex, field: board.caption?.field ?? ('action' as const) }
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
      ...(board && { storyboarder: board.info }),
      problems: result.problems,
    });
  });

  const namedSet = new Set(named);
  const storyOrder = [...named, ...candidates.filter((c) => !namedSet.has(c))];
  for (const c of storyOrder) {
    const frame = frames.get(c);
    if (!frame) continue;
    const sceneName = entryOf.get(c)?.scene;
    const scene = sceneName ? namedScene(sceneName) : folderScene(c.folderRel);
    frame.sceneId = scene.id;
    scene.frameIds.push(frame.id);
  }
  const sceneList = [...scenes.values()].filter((s) => s.frameIds.length > 0);
  const byId = new Map([...frames.values()].map((f) => [f.id, f]));
  return {
    folder: root,
    name: rootName,
    scenes: sceneList,
    frames: sceneList.flatMap((s) => s.frameIds.map((id) => byId.get(id)).filter((f): f is Frame => f !== undefined)),
    problems,
    ...(manifest && { manifest: manifest.info }),
  };
}
