// Other views of a frame than CLIP's center crop, for scoring the whole of a wide frame: a square
// crop anywhere in it, or the frame padded to a square. Beyond the CLIP reference (which only has
// the center crop), so these go through libvips' cubic resize rather than the Pillow port.
import { sharpLibrary } from './native.ts';
import type { PreprocessConfig } from './preprocessConfig.ts';

export type FrameRegion =
  { kind: 'crop'; left: number; top: number; size: number } | { kind: 'pad'; size: number; left: number; top: number };

/** Writes the region, resized to the model's input, as normalized CHW float32 at offset. */
export async function preprocessRegion(
  bytes: Buffer,
  region: FrameRegion,
  config: PreprocessConfig,
  target: Float32Array,
  offset: number,
): Promise<void> {
  const { cropWidth: width, cropHeight: height } = config;
  const sharp = sharpLibrary();
  let image = sharp(bytes, { failOn: 'truncated', ignoreIcc: true, autoOrient: false }).removeAlpha();
  if (region.kind === 'crop') {
    image = image.extract({ left: region.left, top: region.top, width: region.size, height: region.size });
  } else {
    const meta = await sharp(bytes).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    // Black bars, as letterboxing looks on screen.
    image = image.extend({
      left: region.left,
      top: region.top,
      right: region.size - w - region.left,
      bottom: region.size - h - region.top,
      background: '#000000',
    });
    image = sharp(await image.raw().toBuffer(), { raw: { width: region.size, height: region.size, channels: 3 } });
  }
  const { data, info } = await image
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const plane = width * height;
  const channels = info.channels;
  for (let ch = 0; ch < 3; ch++) {
    const mean = config.mean[ch]!;
    const std = config.std[ch]!;
    const source = channels >= 3 ? ch : 0;
    for (let p = 0; p < plane; p++) target[offset + ch * plane + p] = (data[p * channels + source]! * config.rescaleFactor - mean) / std;
  }
}
