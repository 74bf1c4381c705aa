import { createHash, randomBytes } from 'node:crypto';
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors.ts';
import { contentHash, hashFile, openStore } from '../../../electron/engine/store/index.ts';
import { sameBits, tempDbFile, tempDir, unitVector } from './helpers.ts';

const MODEL = 'm';
const PREP = 'p';

/** Backdates a file so the index trusts its hash (see FILE_HASH_SETTLE_MS). */
function settle(file: string): void {
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
}

describe('hashFile', () => {
  it('is the sha256 of the bytes, read in chunks', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.bin');
    const bytes = randomBytes(3 * (1 << 20) + 17); // several stream chunks and a partial one
    writeFileSync(file, bytes);
    expect(await hashFile(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
    writeFileSync(join(dir, 'empty.png'), '');
    expect(await hashFile(join(dir, 'empty.png'))).toBe(createHash('sha256').digest('hex'));
  });

  it('names the file it cannot read', async () => {
    const dir = tempDir();
    await expect(hashFile(join(dir, 'missing.png'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', file: join(dir, 'missing.png') });
    await expect(hashFile(dir)).rejects.toMatchObject({ code: 'FILE_UNREADABLE', file: dir });
    await expect(hashFile(dir)).rejects.toBeInstanceOf(AppError);
  });
});

describe('contentHash through the file index', () => {
  it('reads a file once, then answers from the index until it changes', async () => {
    const store = openStore(tempDbFile());
    const file = join(tempDir(), 'shot01.png');
    writeFileSync(file, 'frame one');
    settle(file);

    const first = await contentHash(store, file);
    expect(first).toEqual({ hash: await hashFile(file), fromIndex: false });
    expect(await contentHash(store, file)).toEqual({ hash: first.hash, fromIndex: true });

    writeFileSync(file, 'frame one, edited');
    settle(file);
    const edited = await contentHash(store, file);
    expect(edited.fromIndex).toBe(false);
    expect(edited.hash).not.toBe(first.hash);
    store.close();
  });

  it('a file hashed right after it was written is read again next time', async () => {
    const store = openStore(tempDbFile());
    const file = join(tempDir(), 'fresh.png');
    writeFileSync(file, 'just exported');
    expect((await contentHash(store, file)).fromIndex).toBe(false);
    expect((await contentHash(store, file)).fromIndex).toBe(false);
    store.close();
  });

  it('a renamed or moved frame finds its embedding without inference', async () => {
    const store = openStore(tempDbFile());
    const board = tempDir();
    const before = join(board, 'shot01.png');
    writeFileSync(before, 'the pixels');
    settle(before);
    const { hash } = await contentHash(store, before);
    store.putImageEmbeddings(MODEL, PREP, [{ hash, vector: unitVector(1) }]);

    const after = join(tempDir(), 'act2-shot01.png');
    renameSync(before, after);
    const moved = await contentHash(store, after);
    expect(moved.hash).toBe(hash);
    expect(sameBits(store.getImageEmbedding(MODEL, PREP, moved.hash)!, unitVector(1))).toBe(true);
    expect(store.stats().imageEmbeddings.rows).toBe(1);
    store.close();
  });

  it('reports a missing frame as FILE_NOT_FOUND', async () => {
    const store = openStore(tempDbFile());
    await expect(contentHash(store, join(tempDir(), 'gone.png'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    store.close();
  });
});
