// Storyboarder projects (wonderunit/storyboarder): <name>.storyboarder is JSON with a `boards`
// array; each board has a uid, a url (board-<n>-<uid>.png, which names its files in images/ but is
// usually not saved itself), layers { name: { url, opacity? } }, shot/number, duration (a number
// or, in 2.1 files, a string), and the text fields action, dialogue and notes, each absent on
// boards nobody typed into. The frame is Storyboarder's posterframe (images/<url stem>-
// posterframe.jpg), or the layers composited when there is none.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoardProblem, ShotLabel, StoryboarderBoardInfo, StoryboarderCaptionField } from '../../common/api.ts';
import { boardRelativeRef, outsideBoardProblem, resolveInBoard, type BoardBoundary } from './containment.ts';
import { stemOf } from './frameFiles.ts';
import { lineColumn } from './jsonLocate.ts';
import { errorMessage, problem } from './problems.ts';
import type { ScannedFolder } from './scan.ts';
import { compositeBoard, LAYER_ORDER, type LayerRef } from './storyboarderComposite.ts';
import { decodeText } from './textEncoding.ts';
import { errnoOf } from '../../common/errors.ts';

export const CAPTION_FIELDS: readonly StoryboarderCaptionField[] = ['action', 'dialogue', 'notes'];

export interface ParsedBoard {
  index: number;
  uid: string;
  url: string;
  number: number | null;
  shot: string | null;
  durationMs: number | null;
  layers: LayerRef[];
  /** Some of its layer urls left the project and were refused (already reported). */
  refusedLayers: boolean;
  text: Partial<Record<StoryboarderCaptionField, string>>;
}

export interface ParsedProject {
  aspectRatio: number;
  boards: ParsedBoard[];
  problems: BoardProblem[];
}

export interface StoryboarderFrame {
  id: string;
  name: string;
  path: string;
  /** Relative path of the posterframe, so a manifest row can name the board by its image. */
  imageId: string | null;
  sizeBytes: number;
  mtimeMs: number;
  shot: ShotLabel;
  caption: { text: string; field: StoryboarderCaptionField } | null;
  info: StoryboarderBoardInfo;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

const FIX_INVALID =
  'Open the project in Storyboarder and save it again, or restore the file from a backup. The rest of the folder opened without it.';

function outsideUrl(what: string, url: string, file: string): BoardProblem {
  return problem(
    'LINK_OUTSIDE_BOARD',
    'warning',
    `${what} names the image ${JSON.stringify(url)}, which is outside the project: not read.`,
    {
      file,
      fix: "Keep the board images in the project's images/ folder; Storyboarder writes plain file names there.",
    },
  );
}

/** Parses a project file's text; `file` is its board-relative path, for messages. */
export function parseStoryboarder(text: string, file: string): ParsedProject {
  const problems: BoardProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const at = /position (\d+)/.exec(errorMessage(error));
    const where = at ? ` at line ${lineColumn(text, Number(at[1])).line}` : '';
    problems.push(
      problem(
        'STORYBOARDER_INVALID',
        'error',
        `${file} is not valid JSON${where}: it may be damaged or cut short, so its boards are not on the board.`,
        { file, fix: FIX_INVALID },
      ),
    );
    return { aspectRatio: 16 / 9, boards: [], problems };
  }
  if (!isRecord(data) || !Array.isArray(data.boards)) {
    problems.push(
      problem('STORYBOARDER_INVALID', 'error', `${file} has no "boards" list, so it is not a Storyboarder project Frameproof can read.`, {
        file,
        fix: FIX_INVALID,
      }),
    );
    return { aspectRatio: 16 / 9, boards: [], problems };
  }
  const defaultTiming = toNumber(data.defaultBoardTiming);
  const boards: ParsedBoard[] = [];
  data.boards.forEach((raw: unknown, index) => {
    if (!isRecord(raw) || typeof raw.uid !== 'string' || typeof raw.url !== 'string' || raw.url === '') {
      problems.push(
        problem('STORYBOARDER_INVALID', 'warning', `Board ${index + 1} in ${file} has no uid or url; it was skipped.`, {
          file,
          fix: FIX_INVALID,
        }),
      );
      return;
    }
    // Storyboarder writes plain file names in images/; a path that leaves the project is never read.
    const url = boardRelativeRef(raw.url);
    if (url === null) {
      problems.push(outsideUrl(`Board ${index + 1} in ${file}`, raw.url, file));
      return;
    }
    const layers: LayerRef[] = [];
    let refusedLayers = false;
    const rawLayers = isRecord(raw.layers) ? raw.layers : {};
    for (const name of LAYER_ORDER) {
      const layer = rawLayers[name];
      if (!isRecord(layer) || typeof layer.url !== 'string') continue;
      const layerUrl = boardRelativeRef(layer.url);
      if (layerUrl !== null) layers.push({ name, url: layerUrl, opacity: toNumber(layer.opacity) ?? undefined });
      else {
        refusedLayers = true;
        problems.push(outsideUrl(`The ${name} layer of board ${index + 1} in ${file}`, layer.url, file));
      }
    }
    // Projects from before layers (Storyboarder < 0.10) kept the drawing in the board's url itself.
    if (layers.length === 0 && !refusedLayers) layers.push({ name: 'fill', url, opacity: undefined });
    const text: ParsedBoard['text'] = {};
    for (const field of CAPTION_FIELDS) {
      const value = raw[field];
      if (typeof value === 'string') text[field] = value;
    }
    boards.push({
      index,
      uid: raw.uid,
      url,
      number: toNumber(raw.number),
      shot: typeof raw.shot === 'string' && raw.shot.trim() ? raw.shot.trim() : null,
      durationMs: toNumber(raw.duration) ?? defaultTiming,
      layers,
      refusedLayers,
      text,
    });
  });
  return { aspectRatio: toNumber(data.aspectRatio) ?? 16 / 9, boards, problems };
}

/** Storyboarder's precedence for what a board is about: the action, else the dialogue, else the notes. */
export function boardCaption(board: ParsedBoard): { text: string; field: StoryboarderCaptionField } | null {
  for (const field of CAPTION_FIELDS) {
    const text = board.text[field];
    if (text !== undefined && text.trim() !== '') return { text, field };
  }
  return null;
}

function join2(rel: string, name: string): string {
  return rel === '.' ? name : `${rel}/${name}`;
}

/** The frames of one project file in `folder`; problems for boards that have no image at all. */
export async function readStoryboarderProject(
  boundary: BoardBoundary,
  folder: ScannedFolder,
  fileName: string,
  cacheDir: string,
): Promise<{ frames: StoryboarderFrame[]; problems: BoardProblem[] }> {
  const file = join2(folder.rel, fileName);
  let text: string;
  try {
    const resolved = await resolveInBoard(boundary, join(folder.path, fileName));
    if (!resolved.inside) return { frames: [], problems: [outsideBoardProblem(file, resolved.real, { file })] };
    text = decodeText(await readFile(resolved.real)).text;
  } catch (error) {
    return {
      frames: [],
      problems: [
        problem('STORYBOARDER_INVALID', 'error', `${file} could not be read (${errnoOf(error) ?? errorMessage(error)}).`, {
          file,
          fix: 'Check the file permissions, then reopen the board.',
        }),
      ],
    };
  }
  const project = parseStoryboarder(text, file);
  const problems = [...project.problems];
  const frames: StoryboarderFrame[] = [];
  const imagesRel = join2(folder.rel, 'images');
  const imagesDir = join(folder.path, 'images');
  for (const board of project.boards) {
    const id = `${imagesRel}/${board.url}`;
    const posterName = `${stemOf(board.url)}-posterframe.jpg`;
    const shot: ShotLabel = {
      number: board.number,
      label: board.shot ?? (board.number !== null ? String(board.number) : stemOf(board.url)),
    };
    const info = { file, boardUid: board.uid, boardIndex: board.index, durationMs: board.durationMs };
    const base = { id, name: board.url, shot, caption: boardCaption(board) };
    const posterPath = join(imagesDir, posterName);
    const posterId = `${imagesRel}/${posterName}`;
    const poster = await resolveInBoard(boundary, posterPath).catch(() => null); // None: composite the layers below.
    const posterInfo = poster?.inside ? await stat(poster.real).catch(() => null) : null;
    if (poster && !poster.inside)
      problems.push(outsideBoardProblem(`The posterframe of board ${shot.label} (${posterId})`, poster.real, { file: posterId }));
    if (posterInfo?.isFile()) {
      frames.push({
        ...base,
        path: posterPath,
        imageId: posterId,
        sizeBytes: posterInfo.size,
        mtimeMs: posterInfo.mtimeMs,
        info: { ...info, image: 'posterframe' },
      });
      continue;
    }
    try {
      const composite = await compositeBoard({
        boundary,
        imagesDir,
        layers: board.layers,
        aspectRatio: project.aspectRatio,
        cacheDir,
        key: `${folder.path}/${fileName}#${board.uid}`,
      });
      for (const layer of composite.outside) {
        const layerId = `${imagesRel}/${layer.url}`;
        problems.push(outsideBoardProblem(`The ${layer.name} layer of board ${shot.label} (${layerId})`, layer.real, { file: layerId }));
      }
      const refused = board.refusedLayers || composite.outside.length > 0 || (poster !== null && !poster.inside);
      if (composite.image) {
        const made = composite.image;
        frames.push({
          ...base,
          path: made.path,
          imageId: null,
          sizeBytes: made.sizeBytes,
          mtimeMs: made.mtimeMs,
          info: { ...info, image: 'composite' },
        });
      } else if (!refused) {
        problems.push(
          problem(
            'STORYBOARDER_IMAGE_MISSING',
            'warning',
            `Board ${shot.label} (${board.uid}) in ${file} has no posterframe and none of its layer images exist in ${imagesRel}/; it is not on the board.`,
            { file, fix: 'Open the project in Storyboarder and save it, which writes the board images again.' },
          ),
        );
      }
    } catch (error) {
      problems.push(
        problem(
          'STORYBOARDER_IMAGE_MISSING',
          'warning',
          `Board ${shot.label} (${board.uid}) in ${file} has no posterframe and its layers could not be combined: ${errorMessage(error)}.`,
          { file, fix: 'Open the project in Storyboarder and save it, or check that the cache folder is writable.' },
        ),
      );
    }
  }
  return { frames, problems };
}
