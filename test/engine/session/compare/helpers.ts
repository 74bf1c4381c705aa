// A small board for the comparison tests, made with sharp: eight 64x48 frames with distinct colour
// patterns and a ninth "frame" that is not an image, captions in shots.csv. Frames 6 and 7 share a
// caption (an exact retrieval tie), frame 8 has none, frame 5's caption holds a <script> tag.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const SCRIPT_CAPTION = 'She reads <script>alert(1)</script> aloud & leaves.';

export interface TestFrame {
  file: string;
  caption: string | null;
  /** False for the file that is not an image. */
  readable: boolean;
}

export const FRAMES: readonly TestFrame[] = [
  { file: 'frame01.png', caption: 'A red barn in a green field, seen from the road.', readable: true },
  { file: 'frame02.png', caption: 'A blue car parked on a wet street at night.', readable: true },
  { file: 'frame03.png', caption: 'Close-up of a yellow flower in the rain.', readable: true },
  { file: 'frame04.png', caption: 'Two people argue in a dark kitchen.', readable: true },
  { file: 'frame05.png', caption: SCRIPT_CAPTION, readable: true },
  { file: 'frame06.png', caption: 'A white boat on a calm grey sea.', readable: true },
  { file: 'frame07.png', caption: 'A white boat on a calm grey sea.', readable: true },
  { file: 'frame08.png', caption: null, readable: true },
  { file: 'frame09.png', caption: 'A broken frame that cannot be read.', readable: false },
];

const WIDTH = 64;
const HEIGHT = 48;

/** Frame k: two colours mixed along a direction and striped with a period, all depending on k. */
function pixels(k: number): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  const a = [(k * 97) % 256, (k * 53 + 40) % 256, (k * 181 + 90) % 256];
  const b = [255 - a[0]!, (a[1]! + 128) % 256, (k * 29) % 256];
  const period = 3 + k;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const t = k % 2 ? x / WIDTH : y / HEIGHT;
      const stripe = Math.floor((x + y * (k % 3)) / period) % 2 ? 0.25 : 0;
      for (let c = 0; c < 3; c++) data[(y * WIDTH + x) * 3 + c] = Math.round(a[c]! * (1 - t) * (1 - stripe) + b[c]! * t);
    }
  }
  return data;
}

function csvCell(text: string | null): string {
  return text === null ? '' : `"${text.replaceAll('"', '""')}"`;
}

/** Writes the board into `folder` (created) and returns the frames' absolute paths. */
export async function makeBoard(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const paths: string[] = [];
  for (const [k, frame] of FRAMES.entries()) {
    const path = join(folder, frame.file);
    if (frame.readable)
      await sharp(pixels(k + 1), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
        .png()
        .toFile(path);
    else writeFileSync(path, 'not an image');
    paths.push(path);
  }
  const rows = FRAMES.map((f, k) => `${k + 1},${f.file},${csvCell(f.caption)}`);
  writeFileSync(join(folder, 'shots.csv'), `shot,file,caption\n${rows.join('\n')}\n`);
  return paths;
}
