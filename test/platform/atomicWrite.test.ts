// The one atomic write, on real temp folders: failures are injected through the fs parameter
// (tests run as root, so chmod proves nothing), and every failure must leave the previous file
// byte for byte and no temp file behind.
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  nodeFs,
  RENAME_RETRY_DELAYS_MS,
  writeFailureOf,
  writeFileAtomic,
  writeFileAtomicSync,
  type Fs,
} from '../../electron/platform/atomicWrite.ts';
import { tempFolder } from '../fixtures/tempFolder.ts';

const PREVIOUS = Buffer.from('previous content\n\u0000\u00ff', 'latin1');

function errnoError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });
}

/** A folder holding `name` with PREVIOUS in it. */
function folderWithFile(name = 'file.json'): { folder: string; file: string } {
  const folder = tempFolder('frameproof-atomic-');
  const file = join(folder, name);
  writeFileSync(file, PREVIOUS);
  return { folder, file };
}

/** Real files, but the temp file's writes stop with ENOSPC after half of the first chunk. */
const diskFull: Fs = {
  ...nodeFs,
  open: async (...args: Parameters<typeof fsPromises.open>) => {
    const handle = await fsPromises.open(...args);
    if (args[1] === 'wx') {
      const write = handle.write.bind(handle);
      handle.write = (async (buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) => {
        await write(buffer, offset, Math.floor(length / 2));
        throw errnoError('ENOSPC', 'write');
      }) as unknown as typeof handle.write;
    }
    return handle;
  },
};

/** Real files, but rename fails with `code` for the first `times` calls; `calls` counts them. */
function refusingRename(code: string, times: number): { fs: Fs; calls: () => number } {
  let calls = 0;
  const fs: Fs = {
    ...nodeFs,
    rename: async (from, to) => {
      calls++;
      if (calls <= times) throw errnoError(code, 'rename');
      return fsPromises.rename(from, to);
    },
  };
  return { fs, calls: () => calls };
}

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, from text, bytes or chunks', async () => {
    const folder = tempFolder('frameproof-atomic-');
    const file = join(folder, 'settings.json');
    expect(await writeFileAtomic(file, '{"a":1}\n')).toBe(8);
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    await writeFileAtomic(file, Buffer.from([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    expect(await writeFileAtomic(file, [Buffer.from('ab'), new Uint8Array(0), Buffer.from('cd')])).toBe(4);
    expect(readFileSync(file, 'utf8')).toBe('abcd');
    expect(readdirSync(folder)).toEqual(['settings.json']);
  });

  it('leaves the previous content byte for byte and no temp file when the disk fills mid-write', async () => {
    const { folder, file } = folderWithFile();
    const error = await writeFileAtomic(file, Buffer.alloc(64 * 1024, 7), { fs: diskFull }).catch((e: unknown) => e);
    expect(writeFailureOf(error)).toBe('disk-full');
    expect(readFileSync(file).equals(PREVIOUS)).toBe(true);
    expect(readdirSync(folder)).toEqual(['file.json']);
  });

  it('retries a rename refused with EPERM (Windows: a scanner holds the file) and succeeds', async () => {
    const { folder, file } = folderWithFile();
    const rename = refusingRename('EPERM', 2);
    await writeFileAtomic(file, 'new', { fs: rename.fs });
    expect(rename.calls()).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['file.json']);
  });

  it('gives up on a rename that stays refused, with the previous content intact and no temp file', async () => {
    const { folder, file } = folderWithFile();
    const rename = refusingRename('EPERM', Infinity);
    const error = await writeFileAtomic(file, 'new', { fs: rename.fs }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EPERM', syscall: 'rename' });
    expect(rename.calls()).toBe(RENAME_RETRY_DELAYS_MS.length + 1);
    expect(readFileSync(file).equals(PREVIOUS)).toBe(true);
    expect(readdirSync(folder)).toEqual(['file.json']);
  });

  it('does not retry a rename that fails for another reason', async () => {
    const { file } = folderWithFile();
    const rename = refusingRename('EIO', Infinity);
    await expect(writeFileAtomic(file, 'new', { fs: rename.fs })).rejects.toMatchObject({ code: 'EIO' });
    expect(rename.calls()).toBe(1);
    expect(readFileSync(file).equals(PREVIOUS)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('keeps the mode of the file it replaces', async () => {
    const { file } = folderWithFile();
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o664);
    await writeFileAtomic(file, 'shared');
    expect(statSync(file).mode & 0o777).toBe(0o664);
    expect(readFileSync(file, 'utf8')).toBe('shared');
  });

  it('never shows a torn file to a reader while writers race on one path', async () => {
    const { folder, file } = folderWithFile('board.json');
    // Each writer's content is one byte value repeated: a torn file would mix two of them.
    const contents = Array.from({ length: 16 }, (_, i) => Buffer.alloc(256 * 1024, i + 1));
    const seen = new Set<string>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const bytes = await fsPromises.readFile(file);
        const whole = bytes.equals(PREVIOUS) || contents.some((c) => c.equals(bytes));
        seen.add(whole ? 'whole' : `torn (${bytes.length} bytes)`);
      }
    })();
    await Promise.all(contents.map((c) => writeFileAtomic(file, c)));
    writing = false;
    await reader;
    expect([...seen]).toEqual(['whole']);
    const final = readFileSync(file);
    expect(contents.some((c) => c.equals(final))).toBe(true);
    expect(readdirSync(folder)).toEqual(['board.json']);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces the file, keeps its mode and leaves no temp file', () => {
    const { folder, file } = folderWithFile('window-state.json');
    if (process.platform !== 'win32') chmodSync(file, 0o600);
    expect(writeFileAtomicSync(file, '{"width":800}')).toBe(13);
    expect(readFileSync(file, 'utf8')).toBe('{"width":800}');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['window-state.json']);
  });

  it('leaves what was there and no temp file when the rename fails', () => {
    const { folder, file } = folderWithFile();
    // A folder where the file should go: the rename fails (EISDIR) and nothing is touched.
    const inTheWay = join(folder, 'state.json');
    mkdirSync(inTheWay);
    expect(() => writeFileAtomicSync(inTheWay, 'new')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(readdirSync(folder).sort()).toEqual(['file.json', 'state.json']);
    expect(readdirSync(inTheWay)).toEqual([]);
    expect(readFileSync(file).equals(PREVIOUS)).toBe(true);
  });
});

describe('writeFailureOf', () => {
  it.each([
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['ENOENT', 'folder-missing'],
    ['EISDIR', 'folder-in-the-way'],
    ['EBUSY', 'busy'],
    ['EIO', 'other'],
  ])('reads %s as %s', (code, failure) => {
    expect(writeFailureOf(errnoError(code, 'write'))).toBe(failure);
  });

  it('reads an error without a code as other', () => {
    expect(writeFailureOf(new Error('boom'))).toBe('other');
  });
});
