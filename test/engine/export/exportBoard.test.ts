// Writing an export: the format from the extension, atomic replacement, and errors a person can act
// on. A full disk is injected through the fs parameter (tests run as root, so chmod proves nothing).
import * as fsPromises from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../../electron/common/api.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { exportBoard, exportFormatFor } from '../../../electron/engine/export/index.ts';
import { nodeFs, type Fs } from '../../../electron/platform/atomicWrite.ts';
import { scoredSampleBoard, type ScoredBoard } from './helpers.ts';

let board: ScoredBoard;

beforeAll(async () => {
  board = await scoredSampleBoard();
});

afterAll(() => board.cleanup());

function errnoError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

/** Real files, but the temp file's writes stop with ENOSPC once `limit` bytes are on disk. */
function diskFullAfter(limit: number): Fs {
  return {
    ...nodeFs,
    open: async (path, flags, mode) => {
      const handle = await fsPromises.open(path, flags, mode);
      if (flags !== 'wx') return handle;
      let written = 0;
      const write = async (buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) => {
        const room = Math.max(0, limit - written);
        if (length <= room) {
          written += length;
          return handle.write(buffer, offset, length);
        }
        if (room > 0) await handle.write(buffer, offset, room);
        written += room;
        throw errnoError('ENOSPC', 'write');
      };
      return new Proxy(handle, {
        get: (target, property) => {
          if (property === 'write') return write;
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the export to fail');
}

describe('exportBoard', () => {
  it('picks the format from the extension, whatever its case', () => {
    expect(exportFormatFor('a/b.CSV')).toBe('csv');
    expect(exportFormatFor('report.htm')).toBe('html');
    expect(exportFormatFor('report.html')).toBe('html');
    expect(exportFormatFor('x.json')).toBe('json');
    expect(exportFormatFor('sheet.pdf')).toBe('pdf');
  });

  it('refuses an unknown extension with the ones it knows, and writes nothing', async () => {
    const file = join(board.outDir, 'board.xlsx');
    const error = await caught(exportBoard(board.view, file));
    expect(error.code).toBe('EXPORT_FORMAT_UNKNOWN');
    expect(error.message).toBe('Frameproof cannot tell which format to export from the extension ".xlsx".');
    expect(error.file).toBe(file);
    expect(error.fix).toMatch(/\.csv.*\.json.*\.html.*\.pdf/);
    expect(existsSync(file)).toBe(false);
    const bare = await caught(exportBoard(board.view, join(board.outDir, 'board')));
    expect(bare.message).toContain('a file name without an extension');
    const wrong = await caught(exportBoard(board.view, join(board.outDir, 'x.csv'), { format: 'xlsx' as ExportFormat }));
    expect(wrong.message).toBe('Unknown export format "xlsx". Should be one of: csv, json, html, pdf.');
  });

  it('writes the format it is given, whatever the extension', async () => {
    const file = join(board.outDir, 'scores.txt');
    const result = await exportBoard(board.view, file, { format: 'json' });
    expect(result).toMatchObject({ file, format: 'json', frameCount: 16 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'frameproof-board-export' });
  });

  it('leaves the previous export byte for byte when the disk fills up, and says so', async () => {
    const folder = join(board.outDir, 'full');
    await fsPromises.mkdir(folder);
    const file = join(folder, 'shots.csv');
    await exportBoard(board.view, file);
    const before = readFileSync(file);

    // A JSON export into the same name would change every byte, had it been written.
    const error = await caught(exportBoard(board.view, file, { format: 'json', fs: diskFullAfter(4096) }));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toBe('Could not write shots.csv: the disk is full.');
    expect(error.file).toBe(file);
    expect(error.fix).toContain('Free some disk space');
    expect(error.fix).toContain('left as it was');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['shots.csv']);
  });

  it('keeps the previous export when the rename is refused', async () => {
    const folder = join(board.outDir, 'locked');
    await fsPromises.mkdir(folder);
    const file = join(folder, 'report.html');
    await exportBoard(board.view, file, { thumbnail: async () => Buffer.from('not an image') });
    const before = readFileSync(file);
    const refusing: Fs = { ...nodeFs, rename: async () => Promise.reject(errnoError('EACCES', 'rename')) };
    const error = await caught(exportBoard(board.view, file, { fs: refusing }));
    expect(error.code).toBe('FOLDER_READ_ONLY');
    expect(error.message).toContain('report.html');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['report.html']);
  });

  it('names a folder that does not exist', async () => {
    const file = join(board.outDir, 'missing', 'shots.csv');
    const error = await caught(exportBoard(board.view, file));
    expect(error.code).toBe('FOLDER_NOT_FOUND');
    expect(error.message).toContain(join(board.outDir, 'missing'));
  });

  it('reports any other failure with what happened', async () => {
    const file = join(board.outDir, 'io.json');
    const failing: Fs = { ...nodeFs, open: async () => Promise.reject(errnoError('EIO', 'open')) };
    const error = await caught(exportBoard(board.view, file, { fs: failing }));
    expect(error.code).toBe('EXPORT_FAILED');
    expect(error.message).toBe('Could not write io.json: EIO: simulated failure, open');
    expect(error.fix).toBeTruthy();
  });

  it('exports a board that was opened but not scored, in every format', async () => {
    const fresh = await scoredSampleBoard({ score: false });
    try {
      expect(fresh.view.analysis).toBeNull();
      for (const name of ['shots.csv', 'board.json', 'report.html', 'sheet.pdf']) {
        const result = await exportBoard(fresh.view, join(fresh.outDir, name), { pdfFonts: [] });
        expect(result.frameCount).toBe(16);
        expect(readFileSync(result.file).length).toBe(result.sizeBytes);
      }
      expect(readFileSync(join(fresh.outDir, 'report.html'), 'utf8')).toContain('Not scored yet: score the board first.');
      expect(JSON.parse(readFileSync(join(fresh.outDir, 'board.json'), 'utf8'))).toMatchObject({
        thresholds: null,
        series: null,
        summary: { scored: 0 },
      });
    } finally {
      fresh.cleanup();
    }
  });
});
