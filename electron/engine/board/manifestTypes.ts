// What a manifest (shots.csv or storyboard.json) says about each frame it names.
import { posix } from 'node:path';
import type { BoardProblem, CaptionSource, ExtraField, ManifestInfo } from '../../common/api.ts';

export interface ManifestEntry {
  /** The file name as written in the manifest. */
  file: string;
  /** The same, as a board-relative path with forward slashes. */
  ref: string;
  caption: string | null;
  shot: string | null;
  scene: string | null;
  extra: ExtraField[];
  /** Where its caption is written back; null when the manifest has no caption column. */
  source: CaptionSource | null;
  /** "shots.csv row 3 (line 4)", for messages. */
  where: string;
}

export interface ManifestRead {
  info: ManifestInfo;
  entries: ManifestEntry[];
  problems: BoardProblem[];
}

/** A manifest's file value as a relative path inside the board, or null when it leaves the board. */
export function normalizeRef(value: string): string | null {
  const slashed = value.trim().split('\\').join('/');
  if (slashed === '' || slashed.startsWith('/') || /^[a-z]:\//i.test(slashed)) return null;
  const normal = posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../') || normal === '.') return null;
  return normal.startsWith('./') ? normal.slice(2) : normal;
}
