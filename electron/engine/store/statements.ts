// The store's statements and write transactions, prepared once per connection, behind small
// named functions. Keys and vectors arrive as bytes; keys.ts and vectorBlob.ts make them.
import type { Database } from 'better-sqlite3';
import { LOOKUP_CHUNK, SQL } from './sql.ts';

export interface VectorRow {
  dims: number;
  vector: Buffer;
  crc32: number;
}

export interface KeyedVectorRow extends VectorRow {
  key: Buffer;
}

/** A row to write: its key, value count, float32 little-endian bytes and their crc32. */
export interface BlobRow {
  key: Buffer;
  dims: number;
  blob: Buffer;
  crc32: number;
}

export interface FactsRow {
  key: Buffer;
  facts: string;
}

export interface ProjectRow {
  settings: string;
  updated_at: number;
}

interface CountRow {
  rows: number;
  bytes: number;
}

export type Statements = ReturnType<typeof prepareStatements>;

/** Repeats the last key so a short chunk still fits the one prepared LOOKUP_CHUNK-wide statement. */
function padChunk(keys: readonly Buffer[]): Buffer[] {
  const last = keys.at(-1);
  if (last === undefined || keys.length > LOOKUP_CHUNK)
    throw new RangeError(`A lookup chunk holds 1 to ${LOOKUP_CHUNK} keys, not ${keys.length}`);
  return [...keys, ...Array.from({ length: LOOKUP_CHUNK - keys.length }, () => last)];
}

export function prepareStatements(db: Database) {
  const findModel = db.prepare<[string], number>(SQL.findModel).pluck();
  const addModel = db.prepare<[string, number]>(SQL.addModel);
  const imageOne = db.prepare<[string, string, Buffer], VectorRow>(SQL.imageOne);
  const imageChunk = db.prepare<unknown[], KeyedVectorRow>(SQL.imageChunk);
  const imagePut = db.prepare<[number, string, Buffer, number, Buffer, number, number]>(SQL.imagePut);
  const textOne = db.prepare<[string, Buffer], VectorRow>(SQL.textOne);
  const textChunk = db.prepare<unknown[], KeyedVectorRow>(SQL.textChunk);
  const textPut = db.prepare<[number, Buffer, number, Buffer, number, number]>(SQL.textPut);
  const fileHashLookup = db.prepare<[string, number, number, number], Buffer>(SQL.fileHashLookup).pluck();
  const fileHashPut = db.prepare<[string, number, number, Buffer, number]>(SQL.fileHashPut);
  const factsChunk = db.prepare<unknown[], FactsRow>(SQL.factsChunk);
  const factsPut = db.prepare<[string, Buffer, string, number]>(SQL.factsPut);
  const projectGet = db.prepare<[string], ProjectRow>(SQL.projectGet);
  const projectPut = db.prepare<[string, string, number]>(SQL.projectPut);
  const imageStats = db.prepare<[], CountRow>(SQL.imageStats);
  const textStats = db.prepare<[], CountRow>(SQL.textStats);
  const fileStats = db.prepare<[], number>(SQL.fileStats).pluck();
  const projectStats = db.prepare<[], number>(SQL.projectStats).pluck();
  const modelStats = db.prepare<[], number>(SQL.modelStats).pluck();
  const pageCount = db.prepare<[], number>(SQL.pageCount).pluck();
  const pageSize = db.prepare<[], number>(SQL.pageSize).pluck();

  function modelRow(modelId: string, nowMs: number): number {
    addModel.run(modelId, nowMs);
    const id = findModel.get(modelId);
    if (id === undefined) throw new Error(`Model row for ${modelId} missing right after insert`);
    return id;
  }

  // Called with .immediate(): the write lock is taken before reading, so a concurrent writer makes
  // this wait (busy_timeout) rather than fail with SQLITE_BUSY_SNAPSHOT on upgrade.
  const putImages = db.transaction((modelId: string, prepVersion: string, rows: readonly BlobRow[], nowMs: number) => {
    const model = modelRow(modelId, nowMs);
    for (const row of rows) imagePut.run(model, prepVersion, row.key, row.dims, row.blob, row.crc32, nowMs);
  });
  const putTexts = db.transaction((modelId: string, rows: readonly BlobRow[], nowMs: number) => {
    const model = modelRow(modelId, nowMs);
    for (const row of rows) textPut.run(model, row.key, row.dims, row.blob, row.crc32, nowMs);
  });

  const putFacts = db.transaction((prepVersion: string, rows: ReadonlyArray<{ key: Buffer; facts: string }>, nowMs: number) => {
    for (const row of rows) factsPut.run(prepVersion, row.key, row.facts, nowMs);
  });

  return {
    factsChunk: (prepVersion: string, hashes: readonly Buffer[]): FactsRow[] => factsChunk.all(prepVersion, ...padChunk(hashes)),
    putFacts: (prepVersion: string, rows: ReadonlyArray<{ key: Buffer; facts: string }>, nowMs: number): void =>
      putFacts.immediate(prepVersion, rows, nowMs),
    imageOne: (modelId: string, prepVersion: string, hash: Buffer): VectorRow | undefined => imageOne.get(modelId, prepVersion, hash),
    imageChunk: (modelId: string, prepVersion: string, hashes: readonly Buffer[]): KeyedVectorRow[] =>
      imageChunk.all(modelId, prepVersion, ...padChunk(hashes)),
    putImages: (modelId: string, prepVersion: string, rows: readonly BlobRow[], nowMs: number): void =>
      putImages.immediate(modelId, prepVersion, rows, nowMs),
    textOne: (modelId: string, hash: Buffer): VectorRow | undefined => textOne.get(modelId, hash),
    textChunk: (modelId: string, hashes: readonly Buffer[]): KeyedVectorRow[] => textChunk.all(modelId, ...padChunk(hashes)),
    putTexts: (modelId: string, rows: readonly BlobRow[], nowMs: number): void => putTexts.immediate(modelId, rows, nowMs),
    fileHashLookup: (path: string, size: number, mtimeMs: number, settleMs: number): Buffer | undefined =>
      fileHashLookup.get(path, size, mtimeMs, settleMs),
    fileHashPut: (path: string, size: number, mtimeMs: number, hash: Buffer, hashedAtMs: number): void =>
      void fileHashPut.run(path, size, mtimeMs, hash, hashedAtMs),
    projectGet: (folder: string): ProjectRow | undefined => projectGet.get(folder),
    projectPut: (folder: string, settings: string, nowMs: number): void => void projectPut.run(folder, settings, nowMs),
    counts: () => ({
      image: imageStats.get() ?? { rows: 0, bytes: 0 },
      text: textStats.get() ?? { rows: 0, bytes: 0 },
      files: fileStats.get() ?? 0,
      projects: projectStats.get() ?? 0,
      models: modelStats.get() ?? 0,
      bytes: (pageCount.get() ?? 0) * (pageSize.get() ?? 0),
    }),
  };
}
