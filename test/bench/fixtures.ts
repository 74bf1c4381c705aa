// Benchmark inputs made here: 1920x1080 JPEGs with photographic-like content, and captions.
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const WORDS = [
  'wide',
  'shot',
  'close',
  'up',
  'of',
  'a',
  'rider',
  'crossing',
  'the',
  'dunes',
  'at',
  'dawn',
  'heat',
  'haze',
  'kitchen',
  'night',
  'knife',
  'glints',
  'under',
  'lamp',
  'rain',
  'on',
  'window',
  'slow',
  'dolly',
  'in',
  'empty',
  'throne',
  'dust',
  'light',
];

export function captions(count: number, words = 20): string[] {
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => Array.from({ length: words }, () => WORDS[next() % WORDS.length]).join(' '));
}

/** Writes `count` distinct 1920x1080 JPEGs (quality 90) into dir, once; returns their paths. */
export async function jpegFrames(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const width = 1920;
  const height = 1080;
  for (let i = 0; i < count; i++) {
    const file = join(dir, `frame${String(i).padStart(4, '0')}.jpg`);
    files.push(file);
    if (existsSync(file)) continue;
    // Low-frequency shapes plus grain: JPEG sizes and decode costs like real frames.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${(i * 37) % 360},60%,60%)"/>
      <stop offset="1" stop-color="hsl(${(i * 91) % 360},50%,25%)"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${300 + ((i * 131) % 1300)}" cy="${200 + ((i * 71) % 600)}" r="${120 + (i % 5) * 40}" fill="hsl(${(i * 53) % 360},70%,50%)"/>
      <rect x="${(i * 97) % 1500}" y="${(i * 43) % 700}" width="420" height="260" fill="hsl(${(i * 19) % 360},40%,35%)" transform="rotate(${i % 30} 960 540)"/>
    </svg>`;
    const grain = await sharp({
      create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } },
    })
      .raw()
      .toBuffer();
    const base = await sharp(Buffer.from(svg)).resize(width, height).removeAlpha().raw().toBuffer();
    for (let p = 0; p < base.length; p++) base[p] = Math.max(0, Math.min(255, base[p]! + (grain[p]! - 128) * 0.25));
    await writeFile(
      file,
      await sharp(base, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
  }
  return files;
}
