// Turning the API's strings and vectors into the database's keys and values, with checks that
// name the bad argument.
import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

function invalid(message: string): AppError {
  return new AppError('INTERNAL_ERROR', message, { fix: 'This is a bug in the caller of the embedding cache.' });
}

/** A content hash as hashFile returns it (lowercase sha256 hex) to its 32 bytes. */
export function hashKey(hash: string): Buffer {
  if (!SHA256_HEX.test(hash)) throw invalid(`Not a lowercase sha256 hex digest: "${hash.slice(0, 80)}".`);
  return Buffer.from(hash, 'hex');
}

/** Captions are keyed by the sha256 of their UTF-8 bytes, never stored as text. */
export function textKey(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function checkName(what: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(`The ${what} must be a non-empty string.`);
  return value;
}

export function checkVector(vector: Float32Array): Float32Array {
  if (!(vector instanceof Float32Array) || vector.length === 0) throw invalid('An embedding must be a non-empty Float32Array.');
  return vector;
}

export function checkStat(size: number, mtimeMs: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || !Number.isFinite(mtimeMs)) {
    throw invalid(`A file size (${size}) and mtime (${mtimeMs}) must come from fs.stat.`);
  }
}

export function checkJson(json: string): string {
  try {
    JSON.parse(json);
  } catch (cause) {
    throw invalid(`Project state must be a JSON document (${(cause as Error).message}).`);
  }
  return json;
}
