// A board for the benchmark: N distinct 1280x720 JPEG sketches in scenes of 20, with a shots.csv.
// Generated once into .cache/bench and reused.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { captions } from './fixtures.ts';

export async function benchBoard(dir: string, count: number): Promise<string> {
  const marker = join(dir, `.complete-${count}`);
  if (existsSync(marker)) return dir;
  await mkdir(dir, { recursive: true });
  const texts = captions(count, 14);
  const rows = ['shot,scene,file,caption'];
  for (let i = 0; i < count; i++) {
    const scene = `scene-${String(Math.floor(i / 20) + 1).padStart(3, '0')}`;
    const file = `${scene}/shot${String(i + 1).padStart(4, '0')}.jpg`;
    rows.push(`${i + 1},${scene},${file},"${texts[i]}"`);
    const path = join(dir, file);
    if (existsSync(path)) continue;
    await mkdir(join(dir, scene), { recursive: true });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="100%" height="100%" fill="#f3efe6"/>
      <path d="M0,${420 + (i % 7) * 10} Q320,${300 + (i % 11) * 12} 640,${410 + (i % 5) * 9} T1280,${380 + (i % 13) * 6}" stroke="#333" stroke-width="5" fill="none"/>
      <circle cx="${200 + ((i * 97) % 880)}" cy="${180 + ((i * 53) % 300)}" r="${50 + (i % 9) * 12}" stroke="#444" stroke-width="4" fill="hsl(${(i * 29) % 360},35%,70%)"/>
      <rect x="${(i * 131) % 1000}" y="${(i * 71) % 400}" width="220" height="140" stroke="#555" stroke-width="3" fill="none"/></svg>`;
    await writeFile(path, await sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer());
  }
  await writeFile(join(dir, 'shots.csv'), `${rows.join('\n')}\n`);
  await writeFile(marker, '');
  return dir;
}
