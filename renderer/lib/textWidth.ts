// Text widths from the font itself (one canvas for the whole page), so chips are laid out whole.
// Remembered per text: cards redraw on every view while scoring streams, with the same few labels.
let measure: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

export function textWidth(text: string, weight: number, sizePx: number): number {
  const key = `${weight} ${sizePx} ${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * sizePx * 0.62;
  measure.font = `${weight} ${sizePx}px ${getComputedStyle(document.body).fontFamily}`;
  const width = Math.ceil(measure.measureText(text).width) + 1;
  widths.set(key, width);
  return width;
}
