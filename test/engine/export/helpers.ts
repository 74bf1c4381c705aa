// A real BoardView for the export tests: the sample board (16 frames, shots.csv with an extra `lens`
// column) copied to a temp folder named sample-board, scored with the tiny generated model. The
// copy gets the cases an export must handle: a caption with commas, quotes, a line break, a
// <script> tag and non-Latin text; a frame with no caption; a frame whose image cannot be read.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardView } from '../../../electron/common/api.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';

export const SAMPLE_BOARD = join(REPO_ROOT, 'resources', 'sample-board');

/** Shot 11's caption in the copy. */
export const TRICKY_CAPTION = 'She says "hello, world",\nthen <script>alert(1)</script> leaves — Мария, 東京';
/** Shot 12 has no caption in the copy; shot 13's image is not an image. */
export const NO_CAPTION_SHOT = '12';
export const UNREADABLE_SHOT = '13';

export interface ScoredBoard {
  view: BoardView;
  /** A temp folder for the test's exports. */
  outDir: string;
  /** The lens column of shots.csv, by shot label. */
  lenses: Map<string, string>;
  cleanup: () => void;
}

export async function scoredSampleBoard(options: { score?: boolean } = {}): Promise<ScoredBoard> {
  const root = mkdtempSync(join(tmpdir(), 'frameproof-export-'));
  const board = join(root, 'sample-board');
  cpSync(SAMPLE_BOARD, board, { recursive: true });
  const manifest = join(board, 'shots.csv');
  const original = readFileSync(manifest, 'utf8');
  const lenses = new Map(
    original
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => [line.split(',')[0] ?? '', line.slice(line.lastIndexOf(',') + 1)]),
  );
  const edited = original
    .replace('Close-up of the knife glinting under the lamp.', `"${TRICKY_CAPTION.replaceAll('"', '""')}"`)
    .replace('A pot of soup steams on the stove.', '');
  if (edited === original) throw new Error('The sample board changed: update test/engine/export/helpers.ts.');
  writeFileSync(manifest, edited);
  writeFileSync(join(board, 'scene-2-kitchen', 'shot05.png'), 'not an image');

  const engine = new Engine({ dataDir: join(root, 'data'), model: await ensureTestModel('tiny'), provider: 'cpu' });
  try {
    const opened = await engine.openBoard(board);
    const view = options.score === false ? opened : await engine.scoreBoard();
    const outDir = join(root, 'out');
    mkdirSync(outDir);
    return { view, outDir, lenses, cleanup: () => rmSync(root, { recursive: true, force: true }) };
  } finally {
    await engine.close();
  }
}

/** Runs a poppler tool; fails with the fix when poppler-utils is missing. */
export function poppler(tool: 'pdftoppm' | 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils).`);
    }
    throw error;
  }
}
