// Storyboard-like frames drawn from SVG with sharp, for the labelled evaluation set: line
// drawings of one series, and the same drawings redone in a painterly, saturated style or in
// another palette (toned paper, cold light, dim light).
import sharp from 'sharp';
import { seededRandom } from '../bench/analysisBench.ts';

export const FRAME_WIDTH = 320;
export const FRAME_HEIGHT = 240;

export type FrameLook = 'line' | 'painterly' | 'sepia' | 'cold' | 'dim';

interface Shape {
  kind: 'rect' | 'circle' | 'line' | 'polyline';
  /** Stable per shape, so a look can colour it. */
  hue: number;
  attrs: Record<string, number | string>;
}

/** The content of one frame: a horizon, buildings, trees and a figure, placed by the seed. */
function layout(seed: number): Shape[] {
  const random = seededRandom(seed);
  const r = (min: number, max: number) => min + random() * (max - min);
  const hue = () => Math.floor(r(0, 360));
  const shapes: Shape[] = [];
  const horizon = r(0.55, 0.75) * FRAME_HEIGHT;
  shapes.push({ kind: 'line', hue: 100, attrs: { x1: 0, y1: horizon, x2: FRAME_WIDTH, y2: horizon + r(-10, 10) } });
  for (let b = 0, count = Math.floor(r(1, 4)); b < count; b++) {
    const w = r(30, 80);
    const h = r(40, 120);
    const x = r(0, FRAME_WIDTH - w);
    shapes.push({ kind: 'rect', hue: hue(), attrs: { x, y: horizon - h, width: w, height: h } });
    for (let k = 0, windows = Math.floor(r(1, 5)); k < windows; k++) {
      shapes.push({ kind: 'rect', hue: 50, attrs: { x: x + r(4, w - 14), y: horizon - h + r(6, h - 16), width: 8, height: 10 } });
    }
  }
  for (let t = 0, count = Math.floor(r(0, 3)); t < count; t++) {
    const x = r(10, FRAME_WIDTH - 10);
    const size = r(12, 26);
    shapes.push({ kind: 'line', hue: 30, attrs: { x1: x, y1: horizon, x2: x, y2: horizon - size * 1.5 } });
    shapes.push({ kind: 'circle', hue: 120, attrs: { cx: x, cy: horizon - size * 1.5 - size * 0.7, r: size } });
  }
  const fx = r(40, FRAME_WIDTH - 40);
  const fy = horizon + r(-20, 30);
  const s = r(0.8, 1.6);
  shapes.push({ kind: 'circle', hue: 20, attrs: { cx: fx, cy: fy - 52 * s, r: 9 * s } });
  shapes.push({ kind: 'polyline', hue: 220, attrs: { points: `${fx},${fy - 43 * s} ${fx},${fy - 15 * s}` } });
  shapes.push({
    kind: 'polyline',
    hue: 220,
    attrs: { points: `${fx - 16 * s},${fy - 30 * s} ${fx},${fy - 38 * s} ${fx + 16 * s},${fy - 30 * s}` },
  });
  shapes.push({ kind: 'polyline', hue: 220, attrs: { points: `${fx - 12 * s},${fy} ${fx},${fy - 15 * s} ${fx + 12 * s},${fy}` } });
  for (let h = 0, count = Math.floor(r(3, 9)); h < count; h++) {
    const x = r(0, FRAME_WIDTH);
    const y = r(horizon, FRAME_HEIGHT);
    shapes.push({ kind: 'line', hue: 0, attrs: { x1: x, y1: y, x2: x + r(8, 20), y2: y - r(4, 10) } });
  }
  return shapes;
}

function attributes(attrs: Record<string, number | string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => `${k}="${typeof v === 'number' ? v.toFixed(1) : v}"`)
    .join(' ');
}

const PAPER: Record<Exclude<FrameLook, 'painterly'>, { paper: string; ink: string }> = {
  line: { paper: '#ffffff', ink: '#222222' },
  sepia: { paper: '#e6c99a', ink: '#5b3a1e' },
  cold: { paper: '#b9cfee', ink: '#1e2f5a' },
  dim: { paper: '#8c8c8c', ink: '#111111' },
};

export function frameSvg(seed: number, look: FrameLook): string {
  const shapes = layout(seed);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${FRAME_WIDTH}" height="${FRAME_HEIGHT}">`;
  if (look !== 'painterly') {
    const { paper, ink } = PAPER[look];
    const body = shapes.map((s) => `<${s.kind} ${attributes(s.attrs)}/>`).join('');
    return `${head}<rect width="100%" height="100%" fill="${paper}"/><g fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round">${body}</g></svg>`;
  }
  // Painterly: a saturated sky and ground, filled shapes, thick coloured strokes, loose daubs, softened.
  const random = seededRandom(seed * 7 + 3);
  const daubs = Array.from({ length: 60 }, () => {
    const h = Math.floor(random() * 360);
    return `<ellipse cx="${(random() * FRAME_WIDTH).toFixed(1)}" cy="${(random() * FRAME_HEIGHT).toFixed(1)}" rx="${(6 + random() * 22).toFixed(1)}" ry="${(3 + random() * 9).toFixed(1)}" transform="rotate(${Math.floor(random() * 180)})" fill="hsl(${h},85%,55%)" fill-opacity="0.45"/>`;
  }).join('');
  const body = shapes
    .map(
      (s) =>
        `<${s.kind} ${attributes(s.attrs)} fill="${s.kind === 'line' || s.kind === 'polyline' ? 'none' : `hsl(${s.hue},80%,50%)`}" stroke="hsl(${(s.hue + 180) % 360},90%,35%)" stroke-width="6" stroke-opacity="0.8"/>`,
    )
    .join('');
  return `${head}<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1b3fd1"/><stop offset="0.6" stop-color="#ff7b1c"/><stop offset="1" stop-color="#2e9e3a"/></linearGradient><filter id="soft"><feGaussianBlur stdDeviation="1.6"/></filter></defs><rect width="100%" height="100%" fill="url(#sky)"/><g filter="url(#soft)">${daubs}${body}</g></svg>`;
}

export async function framePng(seed: number, look: FrameLook): Promise<Buffer> {
  return sharp(Buffer.from(frameSvg(seed, look)))
    .png()
    .toBuffer();
}

/** The frame as 64x64 RGB, what computePaletteStats reads. */
export async function paletteInput(png: Buffer): Promise<{ pixels: Uint8Array; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(png).resize(64, 64, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels,
  };
}
