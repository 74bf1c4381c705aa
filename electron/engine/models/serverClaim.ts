// What Hugging Face itself says about a file it keeps in LFS: the 302 from /resolve/ to the CDN
// carries X-Linked-Etag (the LFS object id, i.e. the file's SHA-256, quoted) and X-Linked-Size.
// huggingface_hub checks its downloads against the same two headers. A file kept in Git (small
// JSON) is answered directly, with a Git blob id as its ETag, so it makes no claim here.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';
import type { RedirectHop } from './httpGet.ts';

export interface ServerClaim {
  sha256: string | null;
  sizeBytes: number | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `"583f…"` or `W/"583f…"` -> the 64 hex digits; anything else (a Git blob id, a CDN's own tag) -> null. */
export function sha256OfEtag(value: string | undefined): string | null {
  const bare = value
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  return bare !== undefined && SHA256.test(bare) ? bare : null;
}

function sizeOf(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const size = Number(value);
  return Number.isSafeInteger(size) ? size : null;
}

/** The first redirect that names a linked file; undefined when none does. */
export function serverClaimOf(redirects: readonly RedirectHop[]): ServerClaim | undefined {
  for (const hop of redirects) {
    const sha256 = sha256OfEtag(hop.header('x-linked-etag'));
    const sizeBytes = sizeOf(hop.header('x-linked-size'));
    if (sha256 !== null || sizeBytes !== null) return { sha256, sizeBytes };
  }
  return undefined;
}

export function parseServerClaim(value: unknown): ServerClaim | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const sha256 = typeof v.sha256 === 'string' && SHA256.test(v.sha256) ? v.sha256 : null;
  const sizeBytes = typeof v.sizeBytes === 'number' && Number.isSafeInteger(v.sizeBytes) && v.sizeBytes >= 0 ? v.sizeBytes : null;
  return sha256 === null && sizeBytes === null ? undefined : { sha256, sizeBytes };
}

/**
 * The claims for files an unfinished download already completed, kept beside the staging folder
 * (.staging/<id>.claims.json): a file found complete on the next run is checked against them again.
 */
export async function readClaims(file: string): Promise<Map<string, ServerClaim>> {
  const claims = new Map<string, ServerClaim>();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return claims;
  }
  if (typeof json !== 'object' || json === null) return claims;
  for (const [label, value] of Object.entries(json)) {
    const claim = parseServerClaim(value);
    if (claim) claims.set(label, claim);
  }
  return claims;
}

export async function writeClaims(file: string, claims: ReadonlyMap<string, ServerClaim>): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(Object.fromEntries(claims)));
}
