// The geometry both series charts share, the app's (renderer/components/SeriesChart.svelte) and the
// report's (engine/export/htmlChart.ts), so a frame, a scene change or the drift threshold lands at
// the same place in both: the plot area inside the padding, a slot per frame on x, the y scale on
// round steps, the band below a threshold, and the path of a series that breaks where a value is
// missing. Pure numbers and strings; no DOM.

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function plotArea(width: number, height: number, padding: Padding): Area {
  return {
    left: padding.left,
    top: padding.top,
    width: Math.max(0, width - padding.left - padding.right),
    height: Math.max(0, height - padding.top - padding.bottom),
  };
}

/** The left edge of slot `index`: each frame owns an equal slot across the area. */
export function slotEdgeX(index: number, count: number, area: Area): number {
  return area.left + (index * area.width) / Math.max(1, count);
}

/** Where frame `index` is drawn: the middle of its slot (a lone frame sits in the middle). */
export function frameX(index: number, count: number, area: Area): number {
  return slotEdgeX(index + 0.5, count, area);
}

export interface SceneSpan {
  /** First frame of the scene and the frame after its last. */
  start: number;
  end: number;
  /** The scene's slots: x1 is the boundary with the scene before (halfway between two frames). */
  x1: number;
  x2: number;
}

/** Scenes as runs of slots, from the frame index each scene starts at (none: one scene). */
export function sceneSpans(sceneStarts: readonly number[], count: number, area: Area): SceneSpan[] {
  const starts = sceneStarts.length > 0 ? sceneStarts : [0];
  return starts.map((start, s) => {
    const end = starts[s + 1] ?? count;
    return { start, end, x1: slotEdgeX(start, count, area), x2: slotEdgeX(end, count, area) };
  });
}

/** Rounds off float drift (0.1 + 0.2, 7 * 0.05) so ticks and labels read as the round numbers they are. */
const clean = (value: number): number => Number(value.toFixed(10));

export interface ValueRange {
  min: number;
  max: number;
  /** Between ticks: 1, 2, 2.5 or 5 times a power of ten. */
  step: number;
}

/** A range that holds every value, widened to round steps, about `ticks` steps tall. */
export function niceRange(values: readonly number[], ticks = 4): ValueRange {
  const finite = values.filter((v) => Number.isFinite(v));
  let min = finite.length > 0 ? Math.min(...finite) : 0;
  let max = finite.length > 0 ? Math.max(...finite) : 1;
  // A flat series still gets a visible range around it.
  if (max - min < 1e-3) {
    min -= 0.01;
    max += 0.01;
  }
  const raw = (max - min) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = clean([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw);
  return { min: clean(Math.floor(clean(min / step)) * step), max: clean(Math.ceil(clean(max / step)) * step), step };
}

const clampCosine = (value: number): number => Math.min(1, Math.max(-1, value));

/**
 * The y range of a chart of cosines (CLIP scores, style similarities) with a threshold line: from
 * 0 to at least `floorTop`, holding every value and the threshold, and never past -1..1 whatever a
 * setting says, so a stray threshold cannot stretch the chart or push its band out of the plot.
 */
export function cosineRange(values: readonly number[], threshold: number, floorTop = 0.4): ValueRange {
  const inRange = [0, floorTop, threshold, ...values].filter((v) => Number.isFinite(v)).map(clampCosine);
  return niceRange(inRange);
}

/** The tick values of a range, bottom to top. */
export function ticksOf(range: ValueRange): number[] {
  const count = Math.round((range.max - range.min) / range.step);
  return Array.from({ length: count + 1 }, (_, i) => clean(range.min + i * range.step));
}

/** value -> y, with the range's min at the bottom of the area and its max at the top. */
export function yScale(range: ValueRange, area: Area): (value: number) => number {
  const span = range.max - range.min || 1;
  return (value) => area.top + area.height - ((value - range.min) / span) * area.height;
}

/** The band below a threshold: from its line down to the bottom of the area, kept inside the area. */
export function thresholdBand(threshold: number, y: (value: number) => number, area: Area): { y: number; height: number } {
  const bottom = area.top + area.height;
  const top = Math.min(bottom, Math.max(area.top, y(threshold)));
  return { y: top, height: bottom - top };
}

/** An SVG coordinate: two decimals at most, never "-0". */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** "M x y L x y ..." through the values; the pen lifts where a frame was not measured, so a gap is not bridged. */
export function seriesPath(values: readonly (number | null)[], x: (index: number) => number, y: (value: number) => number): string {
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${svgNumber(x(i))} ${svgNumber(y(v))}`;
    pen = true;
  });
  return path;
}

/** Label steps a thinned axis may take: every frame, every 2nd, 5th, 10th... so labels fall on round shot counts. */
const LABEL_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];

/**
 * Which frames' labels an x-axis shows so that none overlaps the next: every `step`th from the
 * first, the step the smallest round one whose spacing holds the widest label and a gap.
 * `charWidth` is the axis font's average advance (about 0.62 em for digits in a sans font).
 */
export function thinnedLabelIndices(labels: readonly string[], area: Area, charWidth: number, gap = 6): number[] {
  const count = labels.length;
  if (count === 0) return [];
  const pitch = area.width / count;
  const widest = Math.max(...labels.map((l) => l.length)) * charWidth;
  const step = LABEL_STEPS.find((s) => s * pitch >= widest + gap) ?? Math.ceil((widest + gap) / pitch);
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  return out;
}
