// Finds and reads the board's manifest: shots.csv, else storyboard.json (names in any case).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { outsideBoardProblem, resolveInBoard, type BoardBoundary } from './containment.ts';
import { readCsvManifest } from './manifestCsv.ts';
import { readJsonManifest } from './manifestJson.ts';
import type { ManifestRead } from './manifestTypes.ts';
import { errorMessage, problem } from './problems.ts';
import { errnoOf } from '../../common/errors.ts';

export const MANIFEST_NAMES = ['shots.csv', 'storyboard.json'] as const;

/** The manifest in the board folder (`boundary.folder`), read only when it is inside the board. */
export async function readManifest(boundary: BoardBoundary, fileNames: ReadonlySet<string>): Promise<ManifestRead | null> {
  const present = MANIFEST_NAMES.map((wanted) => [...fileNames].find((name) => name.toLowerCase() === wanted)).filter(
    (n): n is string => n !== undefined,
  );
  const file = present[0];
  if (file === undefined) return null;
  const info = {
    file,
    format: file.toLowerCase().endsWith('.csv') ? ('csv' as const) : ('json' as const),
    encoding: 'utf-8' as const,
    columns: [],
    extraColumns: [],
    rowCount: 0,
  };
  let bytes: Buffer;
  try {
    const resolved = await resolveInBoard(boundary, join(boundary.folder, file));
    if (!resolved.inside) return { info, entries: [], problems: [outsideBoardProblem(file, resolved.real, { file })] };
    bytes = await readFile(resolved.real);
  } catch (error) {
    return {
      info,
      entries: [],
      problems: [
        problem('MANIFEST_INVALID', 'error', `${file} could not be read (${errnoOf(error) ?? errorMessage(error)}), so it was not used.`, {
          file,
          fix: 'Check the file permissions, then reopen the board.',
        }),
      ],
    };
  }
  const read = file.toLowerCase().endsWith('.csv') ? readCsvManifest(bytes, file) : readJsonManifest(bytes, file);
  const ignored = present[1];
  if (ignored !== undefined) {
    read.problems.push(
      problem('MANIFEST_INVALID', 'info', `${ignored} was not read because ${file} is there too; Frameproof reads one manifest.`, {
        file: ignored,
        fix: `Merge the two into ${file}, or remove the one you no longer use.`,
      }),
    );
  }
  return read;
}
