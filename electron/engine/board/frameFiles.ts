// Which names in a storyboard folder are frames, and which are never looked at.
import { extname } from 'node:path';

export const FRAME_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.gif', '.avif']);

// Thumbnail caches that file managers and NAS boxes leave next to the images (Synology @eaDir,
// macOS zips' __MACOSX, Windows/photo tools' thumbs); their images are copies, not frames.
const THUMBNAIL_FOLDERS: ReadonlySet<string> = new Set([
  'thumbs',
  'thumb',
  '_thumbs',
  'thumbnails',
  '@eadir',
  '__macosx',
  '#recycle',
  '$recycle.bin',
]);

export function isFrameFile(name: string): boolean {
  return FRAME_EXTENSIONS.has(extname(name).toLowerCase());
}

// The files a board reads besides its frames: caption sidecars, manifests, Storyboarder projects.
const READ_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.caption', '.csv', '.json', '.storyboarder']);

/** Whether Frameproof would read this file (so a link of that name leaving the board is worth telling). */
export function isReadByBoard(name: string): boolean {
  return isFrameFile(name) || READ_EXTENSIONS.has(extname(name).toLowerCase());
}

export function isHidden(name: string): boolean {
  return name.startsWith('.');
}

export function isIgnoredFolder(name: string): boolean {
  return isHidden(name) || THUMBNAIL_FOLDERS.has(name.toLowerCase());
}

/** The file name without its last extension. */
export function stemOf(name: string): string {
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/**
 * Relative path with forward slashes, whatever the platform. Only Windows separates with a
 * backslash; elsewhere it is part of a file name (back\slash.png) and stays as it is.
 */
export function toId(relative: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? relative.split('\\').join('/') : relative;
}
