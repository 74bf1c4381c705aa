// The embedding cache and project state. One Store per process is enough; the app and the CLI
// may each hold one on the same file at the same time.
import { resolve } from 'node:path';
import type { FrameWarning, StoreNotice } from '../../common/api.ts';
import {
  closeQuietly,
  closeReplaced,
  fileIdentity,
  openDatabase,
  reopenDamaged,
  sameFile,
  BOARDS_UNTOUCHED,
  LOST_WITH_THE_DATABASE,
  type OpenDatabase,
} from './db.ts';
import { checkJson, checkName, checkStat, checkVector, hashKey, textKey } from './keys.ts';
import { LOOKUP_CHUNK } from './sql.ts';
import { databaseError, isDamaged } from './sqliteErrors.ts';
import { prepareStatements, type BlobRow, type KeyedVectorRow, type Statements, type VectorRow } from './statements.ts';
import { blobChecksum, blobToVector, vectorToBlob } from './vectorBlob.ts';

export interface ImageEmbeddingRow {
  /** The image file's sha256, lowercase hex (hashFile). */
  hash: string;
  vector: Float32Array;
}

export interface TextEmbeddingRow {
  /** Exactly the text given to the tokenizer. */
  text: string;
  vector: Float32Array;
}

/** What preprocessing found out about an image, besides its embedding. */
export interface ImageFacts {
  warnings: FrameWarning[];
  /** Colour statistics for the palette detector; opaque to the store. */
  statistics?: unknown;
}

export interface ProjectState {
  json: string;
  updatedAtMs: number;
}

export interface StoreStats {
  imageEmbeddings: { rows: number; bytes: number };
  textEmbeddings: { rows: number; bytes: number };
  models: number;
  files: number;
  projects: number;
  /** page_count × page_size: the database as readers see it, pages still in the WAL included. */
  databaseBytes: number;
}

export interface StoreOptions {
  /** Hears of files moved aside or reopened; the same notices collect in store.notices. */
  onNotice?: (notice: StoreNotice) => void;
}

/**
 * A file hash counts only if the file was hashed at least this long after its mtime: FAT stamps
 * mtimes to 2 s, so a same-size rewrite within that tick would otherwise look unchanged.
 */
export const FILE_HASH_SETTLE_MS = 2000;

interface Connection extends OpenDatabase {
  statements: Statements;
}

function vectors<K>(rows: readonly KeyedVectorRow[], keyOf: (key: Buffer) => K | undefined, into: Map<K, Float32Array>): void {
  for (const row of rows) {
    const key = keyOf(row.key);
    if (key !== undefined) into.set(key, blobToVector(row.vector, row.dims, row.crc32));
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LOOKUP_CHUNK) out.push(items.slice(i, i + LOOKUP_CHUNK));
  return out;
}

function blobRow(key: Buffer, vector: Float32Array): BlobRow {
  const blob = vectorToBlob(checkVector(vector));
  return { key, dims: vector.length, blob, crc32: blobChecksum(blob) };
}

function vectorOf(row: VectorRow | undefined): Float32Array | undefined {
  return row && blobToVector(row.vector, row.dims, row.crc32);
}

export class Store {
  /** The database file, absolute. */
  readonly file: string;
  readonly #notices: StoreNotice[] = [];
  readonly #onNotice: ((notice: StoreNotice) => void) | undefined;
  /** Undefined after a failed reopen too: the next call tries again. */
  #connection: Connection | undefined;
  #closed = false;
  /** Batched cache reads made so far, by kind: how the benchmark and tests see that scoring asks once per chunk. */
  readonly lookups = { imageEmbeddings: 0, textEmbeddings: 0, imageFacts: 0 };

  constructor(file: string, options: StoreOptions = {}) {
    this.file = resolve(file);
    this.#onNotice = options.onNotice;
    this.#connection = this.#connect();
  }

  /** Everything the store had to tell since it was opened, oldest first. */
  get notices(): readonly StoreNotice[] {
    return this.#notices;
  }

  getImageEmbedding(modelId: string, prepVersion: string, hash: string): Float32Array | undefined {
    checkName('model id', modelId);
    checkName('preprocessing version', prepVersion);
    const key = hashKey(hash);
    // Decoded inside #use, so a checksum failure is handled as damage like SQLite's own.
    return this.#use('read', (s) => vectorOf(s.imageOne(modelId, prepVersion, key)));
  }

  /** The cached vectors among `hashes`, by hash; missing ones are absent from the map. */
  getImageEmbeddings(modelId: string, prepVersion: string, hashes: readonly string[]): Map<string, Float32Array> {
    checkName('model id', modelId);
    checkName('preprocessing version', prepVersion);
    const keys = [...new Set(hashes)].map(hashKey);
    this.lookups.imageEmbeddings++;
    return this.#use('read', (s) => {
      const found = new Map<string, Float32Array>();
      for (const chunk of chunks(keys)) vectors(s.imageChunk(modelId, prepVersion, chunk), (key) => key.toString('hex'), found);
      return found;
    });
  }

  /** Writes (or replaces) the rows in one transaction. */
  putImageEmbeddings(modelId: string, prepVersion: string, rows: readonly ImageEmbeddingRow[]): void {
    checkName('model id', modelId);
    checkName('preprocessing version', prepVersion);
    const blobs = rows.map((row) => blobRow(hashKey(row.hash), row.vector));
    if (blobs.length > 0) this.#use('write', (s) => s.putImages(modelId, prepVersion, blobs, Date.now()));
  }

  getTextEmbedding(modelId: string, text: string): Float32Array | undefined {
    checkName('model id', modelId);
    const key = textKey(text);
    return this.#use('read', (s) => vectorOf(s.textOne(modelId, key)));
  }

  /** The cached vectors among `texts`, by text; missing ones are absent from the map. */
  getTextEmbeddings(modelId: string, texts: readonly string[]): Map<string, Float32Array> {
    checkName('model id', modelId);
    const byKey = new Map([...new Set(texts)].map((text) => [textKey(text).toString('hex'), text]));
    const keys = [...byKey.keys()].map((hex) => Buffer.from(hex, 'hex'));
    this.lookups.textEmbeddings++;
    return this.#use('read', (s) => {
      const found = new Map<string, Float32Array>();
      for (const chunk of chunks(keys)) vectors(s.textChunk(modelId, chunk), (key) => byKey.get(key.toString('hex')), found);
      return found;
    });
  }

  putTextEmbeddings(modelId: string, rows: readonly TextEmbeddingRow[]): void {
    checkName('model id', modelId);
    const blobs = rows.map((row) => blobRow(textKey(row.text), row.vector));
    if (blobs.length > 0) this.#use('write', (s) => s.putTexts(modelId, blobs, Date.now()));
  }

  /** The stored facts among `hashes`, by hash. */
  getImageFacts(prepVersion: string, hashes: readonly string[]): Map<string, ImageFacts> {
    checkName('preprocessing version', prepVersion);
    const keys = [...new Set(hashes)].map(hashKey);
    this.lookups.imageFacts++;
    return this.#use('read', (s) => {
      const found = new Map<string, ImageFacts>();
      for (const chunk of chunks(keys)) {
        for (const row of s.factsChunk(prepVersion, chunk)) found.set(row.key.toString('hex'), JSON.parse(row.facts) as ImageFacts);
      }
      return found;
    });
  }

  putImageFacts(prepVersion: string, rows: ReadonlyArray<{ hash: string; facts: ImageFacts }>): void {
    checkName('preprocessing version', prepVersion);
    const encoded = rows.map((row) => ({ key: hashKey(row.hash), facts: JSON.stringify(row.facts) }));
    if (encoded.length > 0) this.#use('write', (s) => s.putFacts(prepVersion, encoded, Date.now()));
  }

  /** The content hash recorded for this path, if its size and mtime still match and it had settled. */
  lookupFileHash(path: string, size: number, mtimeMs: number): string | undefined {
    checkStat(size, mtimeMs);
    return this.#use('read', (s) => s.fileHashLookup(resolve(path), size, mtimeMs, FILE_HASH_SETTLE_MS))?.toString('hex');
  }

  /** hashedAtMs: when the file was stat'ed before reading it (default now). */
  recordFileHash(path: string, size: number, mtimeMs: number, hash: string, hashedAtMs = Date.now()): void {
    checkStat(size, mtimeMs);
    const key = hashKey(hash);
    this.#use('write', (s) => s.fileHashPut(resolve(path), size, mtimeMs, key, hashedAtMs));
  }

  getProjectState(folder: string): ProjectState | undefined {
    const row = this.#use('read', (s) => s.projectGet(resolve(folder)));
    return row && { json: row.settings, updatedAtMs: row.updated_at };
  }

  /** Replaces the folder's settings; the last writer wins. */
  setProjectState(folder: string, json: string): ProjectState {
    checkJson(json);
    const updatedAtMs = Date.now();
    this.#use('write', (s) => s.projectPut(resolve(folder), json, updatedAtMs));
    return { json, updatedAtMs };
  }

  stats(): StoreStats {
    const counts = this.#use('read', (s) => s.counts());
    return {
      imageEmbeddings: counts.image,
      textEmbeddings: counts.text,
      models: counts.models,
      files: counts.files,
      projects: counts.projects,
      databaseBytes: counts.bytes,
    };
  }

  close(): void {
    if (this.#connection) closeQuietly(this.#connection.db);
    this.#connection = undefined;
    this.#closed = true;
  }

  #notify = (notice: StoreNotice): void => {
    this.#notices.push(notice);
    this.#onNotice?.(notice);
  };

  #connect(opened = openDatabase(this.file, this.#notify)): Connection {
    return { ...opened, statements: prepareStatements(opened.db) };
  }

  /** The open connection, reopened first if the file at our name is gone or was replaced. */
  #current(): Connection {
    if (this.#closed) throw new Error(`The store for ${this.file} is closed`);
    const connection = this.#connection;
    if (connection && sameFile(fileIdentity(this.file), connection.identity)) return connection;
    if (connection) {
      closeReplaced(connection.db);
      this.#connection = undefined;
      this.#notify({
        kind: 'reopened',
        file: this.file,
        message: `The database file was deleted or replaced while Frameproof was using it; Frameproof now uses the file at that name (a new one if it was deleted). If it is a new one, these are lost: ${LOST_WITH_THE_DATABASE}. ${BOARDS_UNTOUCHED}`,
      });
    }
    this.#connection = this.#connect();
    return this.#connection;
  }

  /** Runs one operation; damage found on the way moves the file aside, and the operation runs once more on a new one. */
  #use<T>(doing: string, operation: (statements: Statements) => T): T {
    let fresh: Connection;
    try {
      return operation(this.#current().statements);
    } catch (error) {
      const damaged = this.#connection;
      if (!isDamaged(error) || !damaged) throw databaseError(error, this.file, doing);
      this.#connection = undefined;
      fresh = this.#connect(reopenDamaged(damaged, this.file, error, this.#notify));
      this.#connection = fresh;
    }
    try {
      return operation(fresh.statements);
    } catch (error) {
      throw databaseError(error, this.file, doing);
    }
  }
}

export function openStore(file: string, options: StoreOptions = {}): Store {
  return new Store(file, options);
}
