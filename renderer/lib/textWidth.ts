// Text widths from the font itself (one canvas for the whole page), so chips are laid out whole.
let measure: CanvasRenderingContext2D | null = null;

export function textWidth(text: string, weight: number, sizePx: number): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * sizePx * 0.62;
  measure.font = `${weight} ${sizePx}px ${getComputedStyle(document.body).fontFamily}`;
  return Math.ceil(measure.measureText(text).width) + 1;
}
