import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../electron/engine/store/migrations/index.ts';
import { openStore } from '../../../electron/engine/store/index.ts';
import { fakeHash, sameBits, tempDbFile, unitVector } from './helpers.ts';

function openAt(version: number): { db: Database.Database; file: string } {
  const file = tempDbFile();
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, version);
  expect(schemaVersion(db)).toBe(version);
  return { db, file };
}

function tables(db: Database.Database): string[] {
  return db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
}

function blob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function blobAndCrc(vector: Float32Array): [Buffer, number] {
  return [blob(vector), crc32(blob(vector))];
}

/** Legacy rows as version 1 wrote them: one model, one image and one text embedding. */
function insertV1Rows(db: Database.Database): void {
  db.prepare("INSERT INTO models (id, model_id, created_at) VALUES (1, 'legacy-model', 1)").run();
  db.prepare(
    "INSERT INTO image_embeddings (model, prep_version, content_sha256, dims, vector, crc32, created_at) VALUES (1, 'p1', ?, 512, ?, ?, 2)",
  ).run(Buffer.from(fakeHash('legacy-image'), 'hex'), ...blobAndCrc(unitVector(7)));
  db.prepare('INSERT INTO text_embeddings (model, text_sha256, dims, vector, crc32, created_at) VALUES (1, ?, 512, ?, ?, 3)').run(
    Buffer.alloc(32, 1),
    ...blobAndCrc(unitVector(8)),
  );
}

function expectV1Rows(file: string): void {
  const store = openStore(file);
  expect(sameBits(store.getImageEmbedding('legacy-model', 'p1', fakeHash('legacy-image'))!, unitVector(7))).toBe(true);
  expect(store.stats().textEmbeddings.rows).toBe(1);
  store.close();
}

describe('migration list', () => {
  it('numbers steps 1..N in order, and SCHEMA_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('is a no-op on a database already at the latest version', () => {
    const { db, file } = openAt(SCHEMA_VERSION);
    migrate(db, file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe('001-embeddings', () => {
  it("creates the embedding tables and marks the file as Frameproof's", () => {
    const { db } = openAt(1);
    expect(tables(db)).toEqual(['image_embeddings', 'models', 'text_embeddings']);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    insertV1Rows(db);
    // The CHECK ties the blob to dims, so a truncated vector cannot be stored.
    expect(() =>
      db
        .prepare(
          "INSERT INTO image_embeddings (model, prep_version, content_sha256, dims, vector, crc32, created_at) VALUES (1, 'p', zeroblob(32), 512, zeroblob(100), 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('rolls back whole: a failure half way leaves version 0 and no tables', () => {
    const file = tempDbFile();
    const db = new Database(file);
    // A clash on the step's last table: the tables it created before must go too.
    db.exec('CREATE TABLE text_embeddings (x)');
    expect(() => migrate(db, file)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual(['text_embeddings']);
    expect(db.pragma('application_id', { simple: true })).toBe(0);
    db.close();
  });
});

describe('002-file-index', () => {
  it('keeps version 1 rows and adds a working file index', () => {
    const { db, file } = openAt(1);
    insertV1Rows(db);
    migrate(db, file, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toContain('file_hashes');
    db.close();

    expectV1Rows(file);
    const store = openStore(file);
    store.recordFileHash('/f.png', 1, 0, fakeHash('f'), 10_000);
    expect(store.lookupFileHash('/f.png', 1, 0)).toBe(fakeHash('f'));
    store.close();
  });
});

describe('003-project-state', () => {
  it('keeps version 2 rows and adds project state', () => {
    const { db, file } = openAt(2);
    insertV1Rows(db);
    db.prepare("INSERT INTO file_hashes (path, size, mtime_ms, content_sha256, hashed_at) VALUES ('/legacy.png', 5, 1.5, ?, 10000)").run(
      Buffer.from(fakeHash('legacy-file'), 'hex'),
    );
    migrate(db, file, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(() => db.prepare("INSERT INTO project_state (folder, settings, updated_at) VALUES ('/b', 'not json', 0)").run()).toThrow(
      /CHECK/,
    );
    db.close();

    expectV1Rows(file);
    const store = openStore(file);
    expect(store.lookupFileHash('/legacy.png', 5, 1.5)).toBe(fakeHash('legacy-file'));
    store.setProjectState('/b', '{"threshold":0.2}');
    expect(store.getProjectState('/b')?.json).toBe('{"threshold":0.2}');
    store.close();
  });
});

describe('004-image-facts', () => {
  it('keeps version 3 rows and adds image facts', () => {
    const { db, file } = openAt(3);
    insertV1Rows(db);
    db.prepare("INSERT INTO project_state (folder, settings, updated_at) VALUES ('/b', '{\"a\":1}', 5)").run();
    migrate(db, file, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(() =>
      db
        .prepare("INSERT INTO image_facts (prep_version, content_sha256, facts, created_at) VALUES ('p', ?, 'not json', 0)")
        .run(Buffer.alloc(32)),
    ).toThrow(/CHECK/);
    db.close();

    expectV1Rows(file);
    const store = openStore(file);
    expect(store.getProjectState('/b')?.json).toBe('{"a":1}');
    const facts = { warnings: [{ code: 'CROP_LOSS' as const, message: '44% cropped' }], statistics: { lab: [50, 1, 2] } };
    store.putImageFacts('p1', [{ hash: fakeHash('legacy-image'), facts }]);
    expect(store.getImageFacts('p1', [fakeHash('legacy-image'), fakeHash('other')])).toEqual(new Map([[fakeHash('legacy-image'), facts]]));
    expect(store.getImageFacts('p2', [fakeHash('legacy-image')]).size).toBe(0);
    store.close();
  });
});

describe('a database newer than this Frameproof', () => {
  it('is refused with the file, both versions and the fix, and left untouched', () => {
    const { db, file } = openAt(SCHEMA_VERSION);
    db.pragma(`user_version = ${SCHEMA_VERSION + 4}`);
    db.close();
    const before = readFileSync(file);
    const folder = readdirSync(dirname(file));

    let error: unknown;
    try {
      openStore(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('DATABASE_TOO_NEW');
    expect(appError.file).toBe(file);
    expect(appError.message).toContain(`version ${SCHEMA_VERSION + 4}`);
    expect(appError.message).toContain(`up to version ${SCHEMA_VERSION}`);
    expect(appError.fix).toMatch(/Update Frameproof/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dirname(file))).toEqual(folder);
  });
});
