// Pencil-sketch drawing primitives for the sample board: jittered double strokes and hatching on
// paper, so the frames look drawn rather than rendered. Deterministic for a given seed.
export class Sketch {
  private state: number;
  readonly parts: string[] = [];

  constructor(
    seed: number,
    readonly width = 1920,
    readonly height = 1080,
  ) {
    this.state = seed >>> 0 || 1;
  }

  random(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private jitter(amount: number): number {
    return (this.random() - 0.5) * 2 * amount;
  }

  /** A hand-drawn line: two slightly different passes of the pencil. */
  line(x1: number, y1: number, x2: number, y2: number, color = '#3a3a3a', width = 4): void {
    for (let pass = 0; pass < 2; pass++) {
      const mx = (x1 + x2) / 2 + this.jitter(6);
      const my = (y1 + y2) / 2 + this.jitter(6);
      this.parts.push(
        `<path d="M${x1 + this.jitter(3)},${y1 + this.jitter(3)} Q${mx},${my} ${x2 + this.jitter(3)},${y2 + this.jitter(3)}" stroke="${color}" stroke-width="${width * (pass ? 0.6 : 1)}" fill="none" stroke-linecap="round" opacity="${pass ? 0.55 : 0.9}"/>`,
      );
    }
  }

  polyline(points: Array<[number, number]>, color?: string, width?: number): void {
    for (let i = 1; i < points.length; i++) this.line(points[i - 1]![0], points[i - 1]![1], points[i]![0], points[i]![1], color, width);
  }

  circle(cx: number, cy: number, r: number, color = '#3a3a3a', width = 4, fill = 'none'): void {
    if (fill !== 'none') this.parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" opacity="0.85"/>`);
    for (let pass = 0; pass < 2; pass++) {
      this.parts.push(
        `<ellipse cx="${cx + this.jitter(4)}" cy="${cy + this.jitter(4)}" rx="${r + this.jitter(5)}" ry="${r + this.jitter(5)}" stroke="${color}" stroke-width="${width * (pass ? 0.6 : 1)}" fill="none" opacity="${pass ? 0.5 : 0.9}"/>`,
      );
    }
  }

  rect(x: number, y: number, w: number, h: number, color?: string, width?: number): void {
    this.polyline(
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ],
      color,
      width,
    );
  }

  /** Diagonal hatching inside a box: the pencil's way of shading. */
  hatch(x: number, y: number, w: number, h: number, spacing = 22, color = '#6b6b6b'): void {
    for (let d = 0; d < w + h; d += spacing) {
      const x1 = x + Math.min(d, w);
      const y1 = y + Math.max(0, d - w);
      const x2 = x + Math.max(0, d - h);
      const y2 = y + Math.min(d, h);
      this.line(x1, y1, x2, y2, color, 2);
    }
  }

  fill(shape: string): void {
    this.parts.push(shape);
  }

  /** Paper, an optional colour wash over the whole frame, the drawing. */
  svg(paper = '#f4f1ea', wash?: { color: string; opacity: number }): string {
    const washRect = wash ? `<rect width="100%" height="100%" fill="${wash.color}" opacity="${wash.opacity}"/>` : '';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}">` +
      `<rect width="100%" height="100%" fill="${paper}"/>${this.parts.join('')}${washRect}</svg>`
    );
  }
}
