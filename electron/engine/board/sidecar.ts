// Caption files next to the image: shot1.png.txt / .caption (names one image exactly), then
// shot1.txt / .caption (the usual training-set convention). Exact names first; a case-insensitive
// match only when no other frame in the folder could claim the same file.
import { readFile, stat } from 'node:fs/promises';
import type { TextEncodingName } from '../../common/api.ts';
import { resolveInBoard, type BoardBoundary } from './containment.ts';
import { isFrameFile, stemOf } from './frameFiles.ts';
import { decodeText, splitTrailingNewlines } from './textEncoding.ts';

export const SIDECAR_EXTENSIONS = ['.txt', '.caption'] as const;
/**
 * Above this a caption file is not read at all: it holds far more than the 10,000 characters a
 * caption keeps (CLIP reads 77 tokens), and reading it would only cost memory.
 */
export const MAX_CAPTION_BYTES = 1024 * 1024;

export interface SidecarText {
  /** Without the trailing line breaks, which a write keeps. */
  text: string;
  encoding: TextEncodingName;
  sizeBytes: number;
}

function candidates(imageName: string): string[] {
  const stem = stemOf(imageName);
  return [...SIDECAR_EXTENSIONS.map((ext) => imageName + ext), ...SIDECAR_EXTENSIONS.map((ext) => stem + ext)];
}

/** A folder's file names, indexed once so that finding sidecars stays linear in the folder size. */
export interface FolderFiles {
  names: ReadonlySet<string>;
  byLowerName: ReadonlyMap<string, readonly string[]>;
  /** How many frame files share each lower-cased stem. */
  framesPerStem: ReadonlyMap<string, number>;
}

export function indexFolderFiles(names: Iterable<string>): FolderFiles {
  const all = new Set(names);
  const byLowerName = new Map<string, string[]>();
  const framesPerStem = new Map<string, number>();
  for (const name of all) {
    const lower = name.toLowerCase();
    const same = byLowerName.get(lower);
    if (same) same.push(name);
    else byLowerName.set(lower, [name]);
    if (isFrameFile(name)) framesPerStem.set(stemOf(lower), (framesPerStem.get(stemOf(lower)) ?? 0) + 1);
  }
  return { names: all, byLowerName, framesPerStem };
}

const sharesStem = (imageName: string, files: FolderFiles) => (files.framesPerStem.get(stemOf(imageName.toLowerCase())) ?? 0) > 1;

/** The sidecar file name for an image in its folder, or null. */
export function findSidecar(imageName: string, files: FolderFiles): string | null {
  const wanted = candidates(imageName);
  for (const name of wanted) if (files.names.has(name)) return name;
  // Case-insensitive only when no other frame (shot1.png vs Shot1.png) could claim the same file.
  if (sharesStem(imageName, files)) return null;
  for (const name of wanted) {
    const found = files.byLowerName.get(name.toLowerCase());
    if (found?.length === 1) return found[0] as string;
  }
  return null;
}

/** The name a new sidecar gets: <stem>.txt, or <name>.txt when another frame shares the stem. */
export function newSidecarName(imageName: string, files: FolderFiles): string {
  return sharesStem(imageName, files) ? `${imageName}.txt` : `${stemOf(imageName)}.txt`;
}

/**
 * { tooLarge } instead of the text when the file is over MAX_CAPTION_BYTES, { outside } when it
 * links out of the board (not read). Throws on read errors.
 */
export async function readSidecar(
  boundary: BoardBoundary,
  path: string,
): Promise<SidecarText | { tooLarge: number } | { outside: string }> {
  const resolved = await resolveInBoard(boundary, path);
  if (!resolved.inside) return { outside: resolved.real };
  const info = await stat(resolved.real);
  if (info.size > MAX_CAPTION_BYTES) return { tooLarge: info.size };
  const bytes = await readFile(resolved.real);
  const decoded = decodeText(bytes);
  return { text: splitTrailingNewlines(decoded.text).body, encoding: decoded.encoding, sizeBytes: bytes.length };
}
