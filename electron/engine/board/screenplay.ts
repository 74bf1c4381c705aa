// The board's screenplay: the first .fountain or .fdx file in the board folder, else in one of
// its Storyboarder project folders, read through containment.ts like every other board file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoardProblem, Scene, ScriptInfo } from '../../common/api.ts';
import { errnoOf } from '../../common/errors.ts';
import { outsideBoardProblem, resolveInBoard, type BoardBoundary } from './containment.ts';
import { fdxHeadings } from './fdx.ts';
import { fountainHeadings } from './fountain.ts';
import { naturalCompare } from './naturalSort.ts';
import { errorMessage, problem } from './problems.ts';
import type { ScannedFolder } from './scan.ts';
import { resolveHeadings } from './sceneHeading.ts';
import { matchScenes } from './sceneMatch.ts';
import { decodeText } from './textEncoding.ts';

export const SCRIPT_EXTENSIONS = ['.fountain', '.fdx'] as const;

function formatOf(name: string): ScriptInfo['format'] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.fountain')) return 'fountain';
  if (lower.endsWith('.fdx')) return 'fdx';
  return null;
}

function scriptFiles(folders: readonly ScannedFolder[]): { rel: string; path: string }[] {
  // The board folder first, then project folders, shallowest first.
  const ordered = [...folders].sort((a, b) =>
    a.rel === '.' ? -1 : b.rel === '.' ? 1 : a.rel.split('/').length - b.rel.split('/').length || naturalCompare(a.rel, b.rel),
  );
  return ordered.flatMap((folder) =>
    [...folder.fileNames]
      .filter((name) => formatOf(name) !== null && !name.startsWith('.'))
      .sort(naturalCompare)
      .map((name) => ({ rel: folder.rel === '.' ? name : `${folder.rel}/${name}`, path: join(folder.path, name) })),
  );
}

export interface ScriptRead {
  script: ScriptInfo | null;
  problems: BoardProblem[];
}

const FIX_INVALID = 'Save the script again from your screenwriting app (Fountain or Final Draft), or remove it from the board folder.';

/** Reads the board's script and matches its headings to the scenes; null script when there is none or it cannot be read. */
export async function readScript(
  boundary: BoardBoundary,
  folders: readonly ScannedFolder[],
  scenes: readonly Pick<Scene, 'id' | 'name'>[],
): Promise<ScriptRead> {
  const candidates = scriptFiles(folders);
  const chosen = candidates[0];
  if (!chosen) return { script: null, problems: [] };
  const problems: BoardProblem[] = [];
  if (candidates.length > 1) {
    const others = candidates
      .slice(1)
      .map((c) => c.rel)
      .join(', ');
    problems.push(
      problem('SCRIPT_INVALID', 'info', `The board has more than one script; ${chosen.rel} was read, not ${others}.`, {
        file: chosen.rel,
        fix: 'Keep one screenplay in the board folder.',
      }),
    );
  }
  const file = chosen.rel;
  let text: string;
  try {
    const resolved = await resolveInBoard(boundary, chosen.path);
    if (!resolved.inside) return { script: null, problems: [...problems, outsideBoardProblem(file, resolved.real, { file })] };
    text = decodeText(await readFile(resolved.real)).text;
  } catch (error) {
    problems.push(
      problem(
        'SCRIPT_INVALID',
        'warning',
        `${file} could not be read (${errnoOf(error) ?? errorMessage(error)}); scenes are not checked against the script.`,
        { file, fix: 'Check the file permissions, then reopen the board.' },
      ),
    );
    return { script: null, problems };
  }
  const format = formatOf(file)!;
  let parsed;
  if (format === 'fdx') {
    const read = fdxHeadings(text);
    if (!read.ok) {
      const where = read.line !== null ? ` (line ${read.line})` : '';
      problems.push(
        problem(
          'SCRIPT_INVALID',
          'warning',
          `${file} is not a readable Final Draft file${where}: ${read.message}. Scenes are not checked against the script.`,
          { file, fix: FIX_INVALID },
        ),
      );
      return { script: null, problems };
    }
    parsed = read.headings;
  } else {
    parsed = fountainHeadings(text);
  }
  const headings = resolveHeadings(parsed);
  if (headings.length === 0) {
    problems.push(
      problem(
        'SCRIPT_INVALID',
        'info',
        `${file} has no scene headings (lines such as "EXT. DESERT - NIGHT"), so no scene is checked against it.`,
        { file, fix: 'Start each scene with a heading: INT. or EXT., the place, a dash and the time of day.' },
      ),
    );
  }
  const matched = matchScenes(scenes, headings, file);
  problems.push(...matched.problems);
  return { script: { file, format, headings, scenes: matched.matches }, problems };
}
