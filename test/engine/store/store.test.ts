import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors.ts';
import { BUSY_TIMEOUT_MS, PAGE_SIZE, openDatabase } from '../../../electron/engine/store/db.ts';
import { LOOKUP_CHUNK } from '../../../electron/engine/store/sql.ts';
import { FILE_HASH_SETTLE_MS, openStore } from '../../../electron/engine/store/index.ts';
import { fakeHash, sameBits, tempDbFile, unitVector } from './helpers.ts';

const MODEL = 'clip-vit-b32@test';
const PREP = 'clip-224-bicubic-1';

describe('embeddings', () => {
  it('round-trips image vectors bit for bit, odd values included', () => {
    const file = tempDbFile();
    const odd = new Float32Array([0, -0, 1e-45, -3.4028234663852886e38, Infinity, -Infinity, NaN, 1 / 3]);
    // A NaN with a payload: copying through float arithmetic would canonicalize it.
    new Uint32Array(odd.buffer)[6] = 0x7fc0_1234;
    const offset = new Float32Array(new ArrayBuffer(4 * 513), 4, 512).fill(0.25); // not at byte 0 of its buffer
    const store = openStore(file);
    store.putImageEmbeddings(MODEL, PREP, [
      { hash: fakeHash('odd'), vector: odd },
      { hash: fakeHash('unit'), vector: unitVector(1) },
      { hash: fakeHash('offset'), vector: offset },
    ]);
    store.close();

    const reopened = openStore(file);
    const back = reopened.getImageEmbedding(MODEL, PREP, fakeHash('odd'));
    expect(back).toBeInstanceOf(Float32Array);
    expect(sameBits(back!, odd)).toBe(true);
    expect(new Uint32Array(back!.buffer)[6]).toBe(0x7fc0_1234);
    expect(sameBits(reopened.getImageEmbedding(MODEL, PREP, fakeHash('unit'))!, unitVector(1))).toBe(true);
    const offsetBack = reopened.getImageEmbedding(MODEL, PREP, fakeHash('offset'))!;
    expect(offsetBack.byteOffset).toBe(0);
    expect(sameBits(offsetBack, offset)).toBe(true);
    reopened.close();
  });

  it('hands out copies: changing a result does not change the cache', () => {
    const store = openStore(tempDbFile());
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    store.getImageEmbedding(MODEL, PREP, fakeHash(1))!.fill(7);
    expect(sameBits(store.getImageEmbedding(MODEL, PREP, fakeHash(1))!, unitVector(1))).toBe(true);
    store.close();
  });

  it('looks up many hashes in chunks: hits, misses, duplicates, and a partial last chunk', () => {
    const store = openStore(tempDbFile());
    const count = 2 * LOOKUP_CHUNK + 37;
    const rows = Array.from({ length: count }, (_, i) => ({ hash: fakeHash(i), vector: unitVector(i, 16) }));
    store.putImageEmbeddings(
      MODEL,
      PREP,
      rows.filter((_, i) => i % 3 !== 0),
    );

    const asked = [...rows.map((r) => r.hash), fakeHash(5), fakeHash(5)];
    const found = store.getImageEmbeddings(MODEL, PREP, asked);
    expect(found.size).toBe(rows.filter((_, i) => i % 3 !== 0).length);
    rows.forEach((row, i) => {
      if (i % 3 === 0) expect(found.has(row.hash)).toBe(false);
      else expect(sameBits(found.get(row.hash)!, row.vector)).toBe(true);
    });
    expect(store.getImageEmbeddings(MODEL, PREP, []).size).toBe(0);
    // One hash only: the padded statement must not invent rows.
    expect([...store.getImageEmbeddings(MODEL, PREP, [fakeHash(1)]).keys()]).toEqual([fakeHash(1)]);
    store.close();
  });

  it('keeps models and preprocessing versions apart', () => {
    const store = openStore(tempDbFile());
    store.putImageEmbeddings('model-a', PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    store.putImageEmbeddings('model-b', PREP, [{ hash: fakeHash(1), vector: unitVector(2) }]);
    store.putImageEmbeddings('model-a', 'prep-2', [{ hash: fakeHash(1), vector: unitVector(3) }]);
    expect(sameBits(store.getImageEmbedding('model-a', PREP, fakeHash(1))!, unitVector(1))).toBe(true);
    expect(sameBits(store.getImageEmbedding('model-b', PREP, fakeHash(1))!, unitVector(2))).toBe(true);
    expect(sameBits(store.getImageEmbedding('model-a', 'prep-2', fakeHash(1))!, unitVector(3))).toBe(true);
    expect(store.getImageEmbedding('model-c', PREP, fakeHash(1))).toBeUndefined();
    expect(store.getImageEmbeddings('model-c', PREP, [fakeHash(1)]).size).toBe(0);
    expect(store.stats().models).toBe(2);
    store.close();
  });

  it('replaces a row written again under the same key', () => {
    const store = openStore(tempDbFile());
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }]);
    store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(2, 256) }]);
    expect(sameBits(store.getImageEmbedding(MODEL, PREP, fakeHash(1))!, unitVector(2, 256))).toBe(true);
    expect(store.stats().imageEmbeddings).toEqual({ rows: 1, bytes: 1024 });
    store.close();
  });

  it('writes a batch all or nothing', () => {
    const store = openStore(tempDbFile());
    const bad = { hash: 'not-a-hash', vector: unitVector(2) };
    expect(() => store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: unitVector(1) }, bad])).toThrow(AppError);
    expect(() => store.putImageEmbeddings(MODEL, PREP, [{ hash: fakeHash(1), vector: new Float32Array(0) }])).toThrow(/non-empty/);
    expect(store.stats().imageEmbeddings.rows).toBe(0);
    store.close();
  });

  it('round-trips text vectors by exact text, and stores no caption text', () => {
    const file = tempDbFile();
    const store = openStore(file);
    const texts = ['a rider crossing the dunes', 'A rider crossing the dunes', 'ünïcödé 🐎', ''];
    store.putTextEmbeddings(
      MODEL,
      texts.map((text, i) => ({ text, vector: unitVector(100 + i) })),
    );
    const found = store.getTextEmbeddings(MODEL, [...texts, 'never seen']);
    expect(found.size).toBe(texts.length);
    texts.forEach((text, i) => expect(sameBits(found.get(text)!, unitVector(100 + i))).toBe(true));
    expect(sameBits(store.getTextEmbedding(MODEL, texts[2]!)!, unitVector(102))).toBe(true);
    expect(store.getTextEmbedding('other-model', texts[0]!)).toBeUndefined();
    store.close();

    const raw = new Database(file, { readonly: true });
    const blobs = raw.prepare<[], { text_sha256: Buffer }>('SELECT text_sha256 FROM text_embeddings').all();
    raw.close();
    expect(blobs.map((b) => b.text_sha256.length)).toEqual([32, 32, 32, 32]);
  });

  it('refuses keys that are not lowercase sha256 hex', () => {
    const store = openStore(tempDbFile());
    expect(() => store.getImageEmbedding(MODEL, PREP, fakeHash(1).toUpperCase())).toThrow(/sha256/);
    expect(() => store.getImageEmbeddings(MODEL, PREP, ['abc'])).toThrow(/sha256/);
    expect(() => store.getImageEmbedding('', PREP, fakeHash(1))).toThrow(/model id/);
    store.close();
  });
});

describe('file index', () => {
  const settled = Date.now() - 10 * FILE_HASH_SETTLE_MS;

  it('hits on the same path, size and mtime; misses when any changes', () => {
    const store = openStore(tempDbFile());
    store.recordFileHash('/boards/a/shot01.png', 1234, settled + 0.125, fakeHash('content'));
    expect(store.lookupFileHash('/boards/a/shot01.png', 1234, settled + 0.125)).toBe(fakeHash('content'));
    expect(store.lookupFileHash('/boards/a/../a/shot01.png', 1234, settled + 0.125)).toBe(fakeHash('content'));
    expect(store.lookupFileHash('/boards/a/shot01.png', 1235, settled + 0.125)).toBeUndefined();
    expect(store.lookupFileHash('/boards/a/shot01.png', 1234, settled + 0.126)).toBeUndefined();
    expect(store.lookupFileHash('/boards/a/shot02.png', 1234, settled + 0.125)).toBeUndefined();

    store.recordFileHash('/boards/a/shot01.png', 999, settled + 5, fakeHash('edited'));
    expect(store.lookupFileHash('/boards/a/shot01.png', 999, settled + 5)).toBe(fakeHash('edited'));
    expect(store.lookupFileHash('/boards/a/shot01.png', 1234, settled + 0.125)).toBeUndefined();
    expect(store.stats().files).toBe(1);
    store.close();
  });

  it('does not trust a hash taken in the same mtime tick as the last write', () => {
    const store = openStore(tempDbFile());
    const now = Date.now();
    store.recordFileHash('/boards/b/fresh.png', 10, now - 100, fakeHash('fresh'), now);
    expect(store.lookupFileHash('/boards/b/fresh.png', 10, now - 100)).toBeUndefined();
    store.recordFileHash('/boards/b/fresh.png', 10, now - 100, fakeHash('fresh'), now - 100 + FILE_HASH_SETTLE_MS);
    expect(store.lookupFileHash('/boards/b/fresh.png', 10, now - 100)).toBe(fakeHash('fresh'));
    store.close();
  });

  it('refuses a stat that is not one', () => {
    const store = openStore(tempDbFile());
    expect(() => store.lookupFileHash('/x.png', -1, settled)).toThrow(AppError);
    expect(() => store.recordFileHash('/x.png', 1, Number.NaN, fakeHash(1))).toThrow(AppError);
    store.close();
  });
});

describe('project state', () => {
  it('round-trips the JSON per folder and reports when it was written', () => {
    const file = tempDbFile();
    const store = openStore(file);
    expect(store.getProjectState('/boards/desert')).toBeUndefined();
    const json = JSON.stringify({ threshold: 0.21, acknowledged: ['shot03.png'], style: 'ink wash, muted' });
    const before = Date.now();
    const written = store.setProjectState('/boards/desert/', json);
    expect(written.updatedAtMs).toBeGreaterThanOrEqual(before);
    store.setProjectState('/boards/forest', '{}');
    store.close();

    const reopened = openStore(file);
    expect(reopened.getProjectState('/boards/desert')).toEqual(written);
    expect(reopened.getProjectState('/boards/forest')?.json).toBe('{}');
    reopened.setProjectState('/boards/desert', '{"threshold":0.3}');
    expect(reopened.getProjectState('/boards/desert')?.json).toBe('{"threshold":0.3}');
    expect(reopened.stats().projects).toBe(2);
    expect(() => reopened.setProjectState('/boards/desert', '{threshold')).toThrow(/JSON/);
    expect(reopened.getProjectState('/boards/desert')?.json).toBe('{"threshold":0.3}');
    reopened.close();
  });
});

describe('stats and lifecycle', () => {
  it('counts rows and bytes', () => {
    const store = openStore(tempDbFile());
    expect(store.stats()).toMatchObject({ imageEmbeddings: { rows: 0, bytes: 0 }, textEmbeddings: { rows: 0, bytes: 0 }, files: 0 });
    store.putImageEmbeddings(
      MODEL,
      PREP,
      [1, 2, 3].map((i) => ({ hash: fakeHash(i), vector: unitVector(i) })),
    );
    store.putTextEmbeddings(MODEL, [{ text: 'x', vector: unitVector(9) }]);
    const stats = store.stats();
    expect(stats.imageEmbeddings).toEqual({ rows: 3, bytes: 3 * 2048 });
    expect(stats.textEmbeddings).toEqual({ rows: 1, bytes: 2048 });
    expect(stats.databaseBytes).toBeGreaterThan(4 * 2048);
    store.close();
  });

  it('sets each connection up for sharing: WAL, foreign keys, busy timeout, synchronous NORMAL', () => {
    const { db } = openDatabase(tempDbFile(), () => {});
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(() =>
      db
        .prepare(
          "INSERT INTO image_embeddings (model, prep_version, content_sha256, dims, vector, crc32, created_at) VALUES (99, 'p', zeroblob(32), 1, zeroblob(4), 0, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses use after close', () => {
    const store = openStore(tempDbFile());
    store.close();
    store.close();
    expect(() => store.stats()).toThrow(/closed/);
  });
});
