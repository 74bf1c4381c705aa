// ONNX Runtime and sharp, loaded when first used rather than when the engine is imported, each
// set up once for how the engine uses it.
import type * as Ort from 'onnxruntime-node';
import type SharpModule from 'sharp';
import { lazyPackage } from '../../platform/lazyPackage.ts';

/**
 * Provider failures come back as exceptions with their reason; ONNX Runtime's own console
 * logging of them would only repeat it, in red, to a person who cannot act on it.
 */
export const onnxRuntime = lazyPackage<typeof Ort>('onnxruntime-node', (ort) => {
  ort.env.logLevel = 'fatal';
});

/**
 * The engine decodes several images at once and keeps the cores for inference: one libvips
 * thread per image, and no operation cache (every frame is decoded once).
 */
export const sharpLibrary = lazyPackage<typeof SharpModule>('sharp', (sharp) => {
  sharp.concurrency(1);
  sharp.cache(false);
});
