// Colour palette drift: each frame's CIELAB statistics against the robust palette of the rest
// of its scene (per-measure medians), so a frame that is suddenly saturated, darker or lit
// differently stands out even in a board whose scenes each have their own palette.
import type { AnalysisThresholds, LabColour, PaletteStats, RobustSummary } from '../../common/api.ts';
import { median, robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
import type { DraftFlag } from './types.ts';
import { listText, round, shotName, zText } from './wording.ts';

/** The measures compared, all in CIELAB units: mean L*, a*, b*, mean chroma, and contrast (std of L*). */
export interface PaletteSummary {
  lightness: number;
  a: number;
  b: number;
  chroma: number;
  contrast: number;
}

/** Robust palette of several frames: the median of each measure. */
export function summarizePalettes(stats: readonly PaletteStats[]): PaletteSummary {
  return {
    lightness: median(stats.map((s) => s.meanLab[0])),
    a: median(stats.map((s) => s.meanLab[1])),
    b: median(stats.map((s) => s.meanLab[2])),
    chroma: median(stats.map((s) => s.chromaMean)),
    contrast: median(stats.map((s) => s.stdLab[0])),
  };
}

/** Euclidean distance over the five measures (CIELAB units; mean-colour ΔE plus chroma and contrast). */
export function paletteDistance(frame: PaletteStats, summary: PaletteSummary): number {
  return Math.hypot(
    frame.meanLab[0] - summary.lightness,
    frame.meanLab[1] - summary.a,
    frame.meanLab[2] - summary.b,
    frame.chromaMean - summary.chroma,
    frame.stdLab[0] - summary.contrast,
  );
}

/** Colour difference (CIE76 ΔE): straight-line distance in CIELAB. */
function deltaE(p: LabColour, q: LabColour): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** A difference worth naming in a reason (CIELAB units; about 4 just-noticeable differences). */
const NOTABLE = 8;
/** A dominant colour this far (ΔE) from every colour the scene uses is new to it. */
const NEW_COLOUR = 20;

function describeDifference(frame: PaletteStats, summary: PaletteSummary, others: readonly PaletteStats[]): string[] {
  const parts: string[] = [];
  const dL = frame.meanLab[0] - summary.lightness;
  const dC = frame.chromaMean - summary.chroma;
  const da = frame.meanLab[1] - summary.a;
  const db = frame.meanLab[2] - summary.b;
  const dContrast = frame.stdLab[0] - summary.contrast;
  if (Math.abs(dL) >= NOTABLE)
    parts.push(`${dL < 0 ? 'darker' : 'brighter'} (lightness ${frame.meanLab[0].toFixed(0)} vs ${summary.lightness.toFixed(0)})`);
  if (Math.abs(dC) >= NOTABLE)
    parts.push(`${dC > 0 ? 'more' : 'less'} saturated (chroma ${frame.chromaMean.toFixed(0)} vs ${summary.chroma.toFixed(0)})`);
  const hue: string[] = [];
  if (Math.abs(db) >= NOTABLE) hue.push(db > 0 ? 'yellower' : 'bluer');
  if (Math.abs(da) >= NOTABLE) hue.push(da > 0 ? 'redder' : 'greener');
  if (hue.length > 0)
    parts.push(
      `${hue.join(' and ')} in tone (a* ${frame.meanLab[1].toFixed(0)} vs ${summary.a.toFixed(0)}, b* ${frame.meanLab[2].toFixed(0)} vs ${summary.b.toFixed(0)})`,
    );
  if (Math.abs(dContrast) >= NOTABLE)
    parts.push(
      `lit differently (${dContrast > 0 ? 'more' : 'less'} contrast: ${frame.stdLab[0].toFixed(0)} vs ${summary.contrast.toFixed(0)})`,
    );
  const fresh = frame.dominant.filter(
    (d) => d.share >= 0.1 && others.every((o) => o.dominant.every((s) => deltaE(d.lab, s.lab) > NEW_COLOUR)),
  );
  if (fresh.length > 0)
    parts.push(`uses ${fresh.map((d) => d.hex).join(', ')}, ${fresh.length === 1 ? 'a colour' : 'colours'} the rest does not`);
  return parts;
}

export interface PaletteFrame {
  shot: string;
  sceneId: string;
  sceneName: string;
  palette?: PaletteStats;
}

export interface PaletteDriftResult {
  distance: (number | null)[];
  summary: RobustSummary | null;
  flags: DraftFlag[];
}

/** With this many other frames, the group's median including the frame itself is used (it moves a median by half a rank at most). */
const LEAVE_ONE_OUT_BELOW = 20;

export function paletteDrift(frames: readonly PaletteFrame[], thresholds: AnalysisThresholds): PaletteDriftResult {
  const withPalette = frames.map((_, i) => i).filter((i) => frames[i]!.palette);
  const byScene = new Map<string, number[]>();
  for (const i of withPalette) (byScene.get(frames[i]!.sceneId) ?? byScene.set(frames[i]!.sceneId, []).get(frames[i]!.sceneId)!).push(i);
  const groupSummaries = new Map<number[], PaletteSummary>();
  const summaryOf = (group: number[], i: number): PaletteSummary => {
    if (group.length - 1 < LEAVE_ONE_OUT_BELOW) return summarizePalettes(group.filter((j) => j !== i).map((j) => frames[j]!.palette!));
    let summary = groupSummaries.get(group);
    if (!summary) groupSummaries.set(group, (summary = summarizePalettes(group.map((j) => frames[j]!.palette!))));
    return summary;
  };
  const compared: (number[] | null)[] = frames.map(() => null);
  const summaries: (PaletteSummary | null)[] = frames.map(() => null);
  const distance = frames.map((frame, i) => {
    if (!frame.palette) return null;
    // The rest of the scene when it has two frames or more, else the rest of the series.
    const scene = byScene.get(frame.sceneId)!;
    const group = scene.length - 1 >= 2 ? scene : withPalette;
    if (group.length - 1 < 2) return null;
    compared[i] = group;
    summaries[i] = summaryOf(group, i);
    return paletteDistance(frame.palette, summaries[i]);
  });
  const summary = robustSummary(
    distance.filter((d): d is number => d !== null),
    SCALE_FLOOR.paletteDistance,
  );
  const flags: DraftFlag[] = [];
  distance.forEach((d, i) => {
    if (d === null || d < thresholds.paletteMinDistance) return;
    const z = summary ? robustZ(d, summary) : null;
    if (z !== null && z < thresholds.paletteOutlierZ) return;
    const frame = frames[i]!;
    const group = compared[i]!;
    const rest = group !== withPalette ? `the rest of scene ${frame.sceneName}` : 'the rest of the series';
    const others = group.filter((j) => j !== i).map((j) => frames[j]!.palette!);
    const parts = describeDifference(frame.palette!, summaries[i]!, others);
    const what = parts.length > 0 ? `, compared with ${rest}, is ${listText(parts)}` : ` differs in colour from ${rest}`;
    const numbers: Record<string, number> = {
      distance: round(d, 2),
      minDistance: thresholds.paletteMinDistance,
      lightness: round(frame.palette!.meanLab[0], 2),
      referenceLightness: round(summaries[i]!.lightness, 2),
      chroma: round(frame.palette!.chromaMean, 2),
      referenceChroma: round(summaries[i]!.chroma, 2),
      contrast: round(frame.palette!.stdLab[0], 2),
      referenceContrast: round(summaries[i]!.contrast, 2),
    };
    if (summary && z !== null)
      Object.assign(numbers, { median: round(summary.median, 2), z: round(z, 2), zThreshold: thresholds.paletteOutlierZ });
    const zPart = z !== null ? `, z = ${zText(z)}` : '';
    flags.push({
      index: i,
      flag: {
        kind: 'palette-drift',
        severity: 'warning',
        reason: `${shotName(frame.shot)}${what} (colour distance ${d.toFixed(0)}${zPart}).`,
        numbers,
        relatedFrameIds: [],
      },
    });
  });
  return { distance, summary, flags };
}
