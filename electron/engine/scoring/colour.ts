// sRGB <-> CIELAB (D65, 2° observer), the space where distances roughly follow what people see.
import type { LabColour } from '../../common/api.ts';

const WHITE_X = 0.95047;
const WHITE_Y = 1;
const WHITE_Z = 1.08883;
const EPSILON = (6 / 29) ** 3;
const KAPPA = 3 * (6 / 29) ** 2;

function srgbToLinear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** 8-bit sRGB value -> linear light, precomputed. */
export const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, i) => srgbToLinear(i));

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : t / KAPPA + 4 / 29;
}

function fInverse(t: number): number {
  return t > 6 / 29 ? t ** 3 : KAPPA * (t - 4 / 29);
}

/** Linear-light RGB in [0, 1] -> CIELAB, written to out[offset..offset+3). */
export function linearRgbToLab(r: number, g: number, b: number, out: Float64Array | number[], offset = 0): void {
  const x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = f(x / WHITE_X);
  const fy = f(y / WHITE_Y);
  const fz = f(z / WHITE_Z);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

export function srgbToLab(r: number, g: number, b: number): LabColour {
  const out = [0, 0, 0];
  linearRgbToLab(SRGB_TO_LINEAR[r]!, SRGB_TO_LINEAR[g]!, SRGB_TO_LINEAR[b]!, out);
  return out as LabColour;
}

function linearToSrgb8(c: number): number {
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

/** CIELAB -> '#rrggbb', clipped to the sRGB gamut. */
export function labToHex([l, a, b]: LabColour): string {
  const fy = (l + 16) / 116;
  const x = WHITE_X * fInverse(fy + a / 500);
  const y = WHITE_Y * fInverse(fy);
  const z = WHITE_Z * fInverse(fy - b / 200);
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  return `#${[r, g, bl].map((c) => linearToSrgb8(c).toString(16).padStart(2, '0')).join('')}`;
}
