import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StoreNotice } from '../../../electron/common/api.ts';
import { PAGE_SIZE } from '../../../electron/engine/store/db.ts';
import { APPLICATION_ID } from '../../../electron/engine/store/migrations/index.ts';
import { openStore, type Store } from '../../../electron/engine/store/index.ts';
import { fakeHash, sameBits, tempDbFile, unitVector } from './helpers.ts';

const MODEL = 'm';
const PREP = 'p';

function populated(file: string, rows = 200): void {
  const store = openStore(file);
  store.putImageEmbeddings(
    MODEL,
    PREP,
    Array.from({ length: rows }, (_, i) => ({ hash: fakeHash(i), vector: unitVector(i) })),
  );
  store.close();
}

function isFrameproofDb(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const id = db.pragma('application_id', { simple: true });
  db.close();
  return id === APPLICATION_ID;
}

/** Opens the damaged file and checks it went aside whole, with one notice, and a working database took its place. */
function expectMovedAsideAndRebuilt(file: string, original: Buffer, expectReason: RegExp): void {
  const notices: StoreNotice[] = [];
  const store = openStore(file, { onNotice: (notice) => notices.push(notice) });
  expect(notices).toHaveLength(1);
  expect(store.notices).toEqual(notices);
  const notice = notices[0]!;
  expect(notice.kind).toBe('moved-aside');
  expect(notice.file).toBe(file);
  expect(notice.movedTo).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z$`));
  expect(notice.message).toMatch(expectReason);
  expect(notice.message).toContain(notice.movedTo);
  expect(readFileSync(notice.movedTo!).equals(original)).toBe(true);

  expect(store.getImageEmbedding(MODEL, PREP, fakeHash(1))).toBeUndefined();
  store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
  expect(sameBits(store.getImageEmbedding(MODEL, PREP, fakeHash(1))!, unitVector(1))).toBe(true);
  store.close();
  expect(isFrameproofDb(file)).toBe(true);

  // Rebuilt once: the next open is quiet.
  const again = openStore(file);
  expect(again.notices).toEqual([]);
  again.close();
}

describe('a damaged or foreign file at open', () => {
  it.each([
    ['random bytes', () => randomBytes(64 * 1024)],
    ['a short text file', () => Buffer.from('hello, not a database\n')],
    ['a SQLite header followed by garbage', () => Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(8000)])],
  ])('%s is moved aside and rebuilt', (_name, bytes) => {
    const file = tempDbFile();
    const original = bytes();
    writeFileSync(file, original);
    expectMovedAsideAndRebuilt(file, original, /damaged|not a database/);
  });

  it.each([
    ['inside the header', 60],
    ['after page 1', PAGE_SIZE],
    ['in the middle of a page', PAGE_SIZE * 2 + 100],
    ['at half', 0.5],
    ['one page short', -PAGE_SIZE],
  ])('a Frameproof database truncated %s is moved aside and rebuilt', (_name, cut) => {
    const file = tempDbFile();
    populated(file);
    const size = statSync(file).size;
    const at = cut < 0 ? size + cut : cut < 1 ? Math.floor(size * cut) : cut;
    truncateSync(file, at);
    expectMovedAsideAndRebuilt(file, readFileSync(file), /damaged/);
  });

  it("another program's SQLite file is moved aside whole and still opens there", () => {
    const file = tempDbFile();
    const other = new Database(file);
    other.exec("CREATE TABLE songs (title TEXT); CREATE TABLE albums (name TEXT); INSERT INTO songs VALUES ('Teardrop')");
    other.pragma('user_version = 12');
    other.close();
    const original = readFileSync(file);
    expectMovedAsideAndRebuilt(file, original, /another program's SQLite file \(tables (albums, songs|songs, albums)\)/);

    const moved = readdirSync(dirname(file)).find((name) => name.startsWith(`${basename(file)}.corrupt-`))!;
    const reopened = new Database(`${dirname(file)}/${moved}`, { readonly: true });
    expect(reopened.prepare('SELECT title FROM songs').pluck().get()).toBe('Teardrop');
    reopened.close();
  });

  it('a path that cannot be opened is an AppError naming the file, and nothing is moved', () => {
    const file = tempDbFile();
    mkdirSync(file);
    expect(() => openStore(file)).toThrow(
      expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', file, fix: expect.stringMatching(/FRAMEPROOF_DATA_DIR/) }),
    );
    expect(readdirSync(dirname(file))).toEqual([basename(file)]);
  });

  it('an empty (0-byte) file is a new database, not a foreign one', () => {
    const file = tempDbFile();
    writeFileSync(file, '');
    const store = openStore(file);
    expect(store.notices).toEqual([]);
    store.close();
    expect(isFrameproofDb(file)).toBe(true);
  });

  it('leaves no -wal of the damaged file for the new database to pick up', () => {
    const file = tempDbFile();
    writeFileSync(file, randomBytes(8192));
    writeFileSync(`${file}-wal`, 'wal bytes');
    const store = openStore(file);
    expect(store.notices.map((n) => n.kind)).toEqual(['moved-aside']);
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    expect(readFileSync(`${file}-wal`).includes('wal bytes')).toBe(false);
    store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});

describe('damage found while open', () => {
  it.each([512, 1024, 2048])('a file cut %d bytes short inside its last page is caught at read, not served', (cut) => {
    const file = tempDbFile();
    const rows = 300;
    populated(file, rows);
    truncateSync(file, statSync(file).size - cut);
    const store = openStore(file);
    const hashes = Array.from({ length: rows }, (_, i) => fakeHash(i));
    const found = store.getImageEmbeddings(MODEL, PREP, hashes);
    // SQLite reads the missing tail as zeros; only the row checksum tells.
    expect(store.notices.map((n) => n.kind)).toEqual(['moved-aside']);
    expect(store.notices[0]!.message).toMatch(/checksum|damaged/);
    expect(found.size).toBe(0);
    store.close();
  });

  it('a vector changed behind the store is caught by its checksum', () => {
    const file = tempDbFile();
    populated(file, 3);
    const raw = new Database(file);
    raw.prepare('UPDATE image_embeddings SET vector = zeroblob(2048) WHERE content_sha256 = ?').run(Buffer.from(fakeHash(1), 'hex'));
    raw.close();
    const store = openStore(file);
    expect(sameBits(store.getImageEmbedding(MODEL, PREP, fakeHash(0))!, unitVector(0))).toBe(true);
    expect(store.getImageEmbedding(MODEL, PREP, fakeHash(1))).toBeUndefined();
    expect(store.notices.map((n) => n.kind)).toEqual(['moved-aside']);
    expect(store.notices[0]!.message).toMatch(/checksum/);
    store.close();
  });

  it('moves the file aside, starts afresh and answers from the new database', () => {
    const file = tempDbFile();
    populated(file);
    const store = openStore(file);
    // Garbage over every page but the first: the schema still reads, every table does not.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096);
    closeSync(fd);

    expect(store.getImageEmbeddings(MODEL, PREP, [fakeHash(1), fakeHash(2)]).size).toBe(0);
    expect(store.notices.map((n) => n.kind)).toEqual(['moved-aside']);
    expect(existsSync(store.notices[0]!.movedTo!)).toBe(true);
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    store.close();

    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});

describe('the database deleted while open', () => {
  function deleteWhileOpen(removeSidecars: boolean): { store: Store; file: string } {
    const file = tempDbFile();
    const store = openStore(file);
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash('before'), vector: unitVector(1) }]);
    store.setProjectState('/board', '{"a":1}');
    rmSync(file);
    if (removeSidecars) for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    return { store, file };
  }

  it.each([
    ['with its -wal and -shm', true],
    ['alone, leaving its -wal and -shm behind', false],
  ])('%s: the next call reopens a new, empty database at the same name', (_name, removeSidecars) => {
    const { store, file } = deleteWhileOpen(removeSidecars);

    expect(store.getImageEmbedding(MODEL, PREP, fakeHash('before'))).toBeUndefined();
    expect(store.notices.map((n) => n.kind)).toEqual(['reopened']);
    expect(existsSync(file)).toBe(true);
    expect(store.getProjectState('/board')).toBeUndefined();
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash('after'), vector: unitVector(2) }]);
    expect(store.notices).toHaveLength(1);

    // Another connection sees the new file, and nothing of the deleted one came back from its WAL.
    const other = openStore(file);
    expect(sameBits(other.getImageEmbedding(MODEL, PREP, fakeHash('after'))!, unitVector(2))).toBe(true);
    expect(other.getImageEmbedding(MODEL, PREP, fakeHash('before'))).toBeUndefined();
    expect(other.stats().imageEmbeddings.rows).toBe(1);
    other.close();
    store.close();
  });

  it('follows the name when the file is replaced by another database', () => {
    const file = tempDbFile();
    const store = openStore(file);
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash('old'), vector: unitVector(1) }]);
    const replacement = `${file}.new`;
    const writer = openStore(replacement);
    writer.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash('new'), vector: unitVector(2) }]);
    writer.close();
    renameSync(replacement, file);

    expect(sameBits(store.getImageEmbedding(MODEL, PREP, fakeHash('new'))!, unitVector(2))).toBe(true);
    expect(store.getImageEmbedding(MODEL, PREP, fakeHash('old'))).toBeUndefined();
    expect(store.notices.map((n) => n.kind)).toEqual(['reopened']);
    store.close();
  });

  it('a reopen that fails is an AppError, and the next call tries again', () => {
    const file = tempDbFile();
    const store = openStore(file);
    rmSync(file);
    mkdirSync(file); // something that cannot be opened now sits at the name
    expect(() => store.getImageEmbedding(MODEL, PREP, fakeHash(1))).toThrow(
      expect.objectContaining({ code: 'DATABASE_UNAVAILABLE', file }),
    );
    rmSync(file, { recursive: true });
    expect(store.getImageEmbedding(MODEL, PREP, fakeHash(1))).toBeUndefined();
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    expect(store.stats().imageEmbeddings.rows).toBe(1);
    store.close();
  });

  it('recreates a deleted data folder', () => {
    const file = tempDbFile();
    const store = openStore(file);
    rmSync(dirname(file), { recursive: true });
    store.putTextEmbeddings(MODEL, [{ text: 'x', vector: unitVector(3) }]);
    expect(sameBits(store.getTextEmbedding(MODEL, 'x')!, unitVector(3))).toBe(true);
    store.close();
  });
});
