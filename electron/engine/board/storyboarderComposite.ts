// A board's layers flattened the way Storyboarder exports them, for boards without a
// posterframe: a white canvas of 900 px height (width by the project's aspect ratio), each layer
// stretched to it and drawn in Storyboarder's layer order with its opacity
// (wonderunit/storyboarder src/js/models/board.js boardOrderedLayerFilenames, exporters/common.js).
// The result goes into the caller's cache folder, never into the board folder. A layer file that
// links outside the board is not drawn.
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';
import { resolveInBoard, type BoardBoundary } from './containment.ts';

export const LAYER_ORDER = ['shot-generator', 'reference', 'fill', 'tone', 'pencil', 'ink', 'notes'] as const;
// Storyboarder's default for a reference layer whose opacity was never set.
const DEFAULT_REFERENCE_OPACITY = 0.75;
// Bump when the drawing below changes, so old composites are not reused.
const COMPOSITE_VERSION = 1;

export interface LayerRef {
  name: string;
  url: string;
  opacity: number | undefined;
}

export interface CompositeRequest {
  boundary: BoardBoundary;
  imagesDir: string;
  layers: LayerRef[];
  aspectRatio: number;
  cacheDir: string;
  /** Identifies the board in the cache key (project file + uid). */
  key: string;
}

export interface CompositeImage {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  layersUsed: number;
}

export interface CompositeResult {
  /** Null when none of the board's layer files exist inside the board. */
  image: CompositeImage | null;
  /** Layers whose files link outside the board, with where they lead: not drawn. */
  outside: (LayerRef & { real: string })[];
}

export function canvasSize(aspectRatio: number): { width: number; height: number } {
  const ratio = Number.isFinite(aspectRatio) && aspectRatio > 0 ? aspectRatio : 16 / 9;
  return ratio >= 1 ? { width: Math.round(900 * ratio), height: 900 } : { width: 900, height: Math.round(900 / ratio) };
}

function layerOpacity(layer: LayerRef): number {
  if (layer.opacity !== undefined && Number.isFinite(layer.opacity)) return Math.min(1, Math.max(0, layer.opacity));
  return layer.name === 'reference' ? DEFAULT_REFERENCE_OPACITY : 1;
}

async function overlay(path: string, opacity: number, width: number, height: number): Promise<OverlayOptions> {
  const { data, info } = await sharp(path).resize(width, height, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (opacity < 1) for (let i = 3; i < data.length; i += 4) data[i] = Math.round((data[i] as number) * opacity);
  return { input: data, raw: { width: info.width, height: info.height, channels: 4 } };
}

/** Throws when a layer cannot be decoded or the cache cannot be written. */
export async function compositeBoard(request: CompositeRequest): Promise<CompositeResult> {
  const { width, height } = canvasSize(request.aspectRatio);
  const present: { layer: LayerRef; path: string; size: number; mtimeMs: number }[] = [];
  const outside: CompositeResult['outside'] = [];
  for (const layer of request.layers) {
    try {
      const resolved = await resolveInBoard(request.boundary, join(request.imagesDir, layer.url));
      if (!resolved.inside) {
        outside.push({ ...layer, real: resolved.real });
        continue;
      }
      const info = await stat(resolved.real);
      if (info.isFile()) present.push({ layer, path: resolved.real, size: info.size, mtimeMs: info.mtimeMs });
    } catch {
      // A layer Storyboarder lists but never saved: draw the others, as Storyboarder does.
    }
  }
  if (present.length === 0) return { image: null, outside };
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        COMPOSITE_VERSION,
        request.key,
        width,
        height,
        present.map((p) => [p.layer.name, p.layer.url, layerOpacity(p.layer), p.size, p.mtimeMs]),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
  const dir = join(request.cacheDir, 'storyboarder');
  const path = join(dir, `${hash}.png`);
  try {
    const cached = await stat(path);
    return { image: { path, sizeBytes: cached.size, mtimeMs: cached.mtimeMs, layersUsed: present.length }, outside };
  } catch {
    // Not made yet.
  }
  await mkdir(dir, { recursive: true });
  const overlays: OverlayOptions[] = [];
  for (const p of present) {
    const opacity = layerOpacity(p.layer);
    if (opacity > 0) overlays.push(await overlay(p.path, opacity, width, height));
  }
  const png = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(overlays)
    .png()
    .toBuffer();
  await writeFileAtomic(path, png);
  const made = await stat(path);
  return { image: { path, sizeBytes: made.size, mtimeMs: made.mtimeMs, layersUsed: present.length }, outside };
}
