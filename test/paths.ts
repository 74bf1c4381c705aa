// Where tests find the shared reference data (read in place, never copied into the repository).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.FRAMEPROOF_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
export const CLIP_DATA = join(SHARED, 'clip');
export const BPE_FILE = join(CLIP_DATA, 'bpe_simple_vocab_16e6.txt.gz');
export const GOLDEN = join(CLIP_DATA, 'golden');
export const CACHE = join(REPO_ROOT, '.cache');
