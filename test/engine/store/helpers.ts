// Temp folders with real SQLite files for the store tests, removed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frameproof-store-'));
  made.push(dir);
  return dir;
}

/** A database path in a fresh folder (the file does not exist yet). */
export function tempDbFile(name = 'frameproof.sqlite'): string {
  return join(tempDir(), name);
}

export { fakeHash, gaussian, sameBits, seededRandom, unitVector } from './testData.ts';
