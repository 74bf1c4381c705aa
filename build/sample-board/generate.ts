// Draws the sample board into resources/sample-board: PNG frames from SVG (rendered with sharp)
// and a shots.csv with the captions. Run: npx tsx build/sample-board/generate.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { Sketch } from './sketch.ts';
import { SHOTS, SIZE } from './shots.ts';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'sample-board');

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function main(): Promise<void> {
  const rows = [['shot', 'scene', 'file', 'caption', 'lens'].join(',')];
  for (const [index, shot] of SHOTS.entries()) {
    const svg = shot.draw(new Sketch(index + 1, SIZE.width, SIZE.height));
    const file = join(OUT, shot.file);
    await mkdir(dirname(file), { recursive: true });
    // Truecolour, not palette: CLIP's reference resizes palette images with nearest neighbour,
    // which would alias the pencil lines.
    await writeFile(file, await sharp(Buffer.from(svg)).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer());
    rows.push([shot.shot, shot.scene, shot.file, shot.caption, shot.lens].map(csvField).join(','));
  }
  await writeFile(join(OUT, 'shots.csv'), rows.join('\n') + '\n');
  console.log(`wrote ${SHOTS.length} frames and shots.csv to ${OUT}`);
}

await main();
