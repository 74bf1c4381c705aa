// Style drift: a frame whose image embedding sits far from the series' style (its centroid, or
// the frames pinned as style references) and from the rest of its own scene. An image embedding
// carries content as well as style; 'remove-caption' takes out its component along the frame's
// own caption embedding before comparing, so a frame is not an outlier merely for showing
// something different (`npm run eval` measures both ways; see the report there).
// Also: the optional project style prompt, scored against every frame.
import type { AnalysisThresholds, RobustSummary, StyleContentMode } from '../../common/api.ts';
import { normalizedOrNull, type Rows } from './matrix.ts';
import { robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
import type { DraftFlag } from './types.ts';
import { cosinePair, cosineText, round, shotName, zText } from './wording.ts';

/** How 'remove-caption' takes content out; the default is what `npm run eval` measured best. */
export interface ContentRemoval {
  /**
   * Remove the direction of the caption minus the board's mean caption (what this caption says
   * that the others do not) instead of the caption itself. A CLIP caption embedding is mostly
   * the text modality and what every caption of the board shares; removing all of that from an
   * image takes out little content and adds noise.
   */
  centered: boolean;
}

export const DEFAULT_CONTENT_REMOVAL: ContentRemoval = { centered: false };

/**
 * Image embeddings for the style comparison: unchanged ('raw'), or with the component along the
 * frame's own caption direction removed and renormalized ('remove-caption'; frames without a
 * caption stay raw).
 */
export function styleVectors(
  images: Rows,
  captions: Rows,
  mode: StyleContentMode,
  removal: ContentRemoval = DEFAULT_CONTENT_REMOVAL,
): Rows {
  if (mode === 'raw') return images;
  const d = images.dims;
  const mean = new Float64Array(d);
  let count = 0;
  if (removal.centered) {
    for (let i = 0; i < captions.count; i++) {
      if (!captions.present[i]) continue;
      count++;
      for (let k = 0; k < d; k++) mean[k]! += captions.data[i * d + k]!;
    }
    for (let k = 0; k < d; k++) mean[k]! /= Math.max(1, count);
  }
  const data = new Float32Array(images.data);
  const present = [...images.present];
  const direction = new Float64Array(d);
  for (let i = 0; i < images.count; i++) {
    if (!images.present[i] || !captions.present[i]) continue;
    for (let k = 0; k < d; k++) direction[k] = captions.data[i * d + k]! - mean[k]!;
    const unit = normalizedOrNull(direction);
    if (!unit) continue; // the only caption, or one equal to the mean: nothing specific to remove
    const x = data.subarray(i * d, (i + 1) * d);
    let along = 0;
    for (let k = 0; k < d; k++) along += x[k]! * unit[k]!;
    for (let k = 0; k < d; k++) x[k]! -= along * unit[k]!;
    const rest = normalizedOrNull(x);
    if (rest) x.set(rest);
    else present[i] = false; // the image was its caption exactly: no style left to compare
  }
  return { data, dims: d, count: images.count, present };
}

function sumRows(rows: Rows, indexes: readonly number[]): Float64Array {
  const sum = new Float64Array(rows.dims);
  for (const i of indexes) for (let k = 0; k < rows.dims; k++) sum[k]! += rows.data[i * rows.dims + k]!;
  return sum;
}

/** Cosine of row i with the normalized sum of `sum` (minus row i itself when it is part of the sum). */
function cosineWithRest(rows: Rows, i: number, sum: Float64Array, includesSelf: boolean): number | null {
  const d = rows.dims;
  let dotSum = 0;
  let norm = 0;
  for (let k = 0; k < d; k++) {
    const x = rows.data[i * d + k]!;
    const c = sum[k]! - (includesSelf ? x : 0);
    dotSum += x * c;
    norm += c * c;
  }
  return norm > 1e-12 ? dotSum / Math.sqrt(norm) : null;
}

/** Leave-one-out cosine of each present row with the rest of its group (null when the rest has fewer than minOthers). */
export function similarityToGroups(rows: Rows, groupOf: readonly string[], minOthers: number): (number | null)[] {
  const members = new Map<string, number[]>();
  groupOf.forEach((g, i) => rows.present[i] && (members.get(g) ?? members.set(g, []).get(g)!).push(i));
  const sums = new Map([...members].map(([g, list]) => [g, sumRows(rows, list)]));
  return groupOf.map((g, i) => {
    if (!rows.present[i] || members.get(g)!.length - 1 < minOthers) return null;
    return cosineWithRest(rows, i, sums.get(g)!, true);
  });
}

export interface StyleDriftResult {
  similarity: (number | null)[];
  sceneSimilarity: (number | null)[];
  z: (number | null)[];
  summary: RobustSummary | null;
  /** Frame ids the centroid came from (pinned references that have an embedding); empty: the series. */
  references: string[];
  flags: DraftFlag[];
}

export interface StyleFrame {
  id: string;
  shot: string;
  sceneId: string;
  sceneName: string;
}

/**
 * vectors: the style-space rows (see styleVectors); raw: the plain image embeddings, for the
 * absolute test against the model's style threshold; references: pinned frame indexes.
 */
export function styleDrift(
  vectors: Rows,
  raw: Rows,
  frames: readonly StyleFrame[],
  references: readonly number[],
  thresholds: AnalysisThresholds,
  absoluteKnown = true,
): StyleDriftResult {
  const n = frames.length;
  const pinned = references.filter((i) => vectors.present[i]);
  const pinnedSet = new Set(pinned);
  let similarity: (number | null)[];
  if (pinned.length > 0) {
    const sum = sumRows(vectors, pinned);
    // A pinned frame is compared with the other pinned frames; alone, it is the style itself.
    similarity = frames.map((_, i) =>
      vectors.present[i] && !(pinnedSet.has(i) && pinned.length === 1) ? cosineWithRest(vectors, i, sum, pinnedSet.has(i)) : null,
    );
  } else {
    similarity = similarityToGroups(
      vectors,
      frames.map(() => 'series'),
      2,
    );
  }
  const scenes = frames.map((f) => f.sceneId);
  const sceneSimilarity = similarityToGroups(vectors, scenes, 2);
  const rawScene = similarityToGroups(raw, scenes, 2);
  const rawSeries = similarityToGroups(
    raw,
    frames.map(() => 'series'),
    2,
  );

  const summary = robustSummary(
    similarity.filter((s): s is number => s !== null),
    SCALE_FLOOR.styleCosine,
  );
  const sceneSummary = robustSummary(
    sceneSimilarity.filter((s): s is number => s !== null),
    SCALE_FLOOR.styleCosine,
  );
  const z = similarity.map((s) => (s === null || !summary ? null : robustZ(s, summary)));
  const flags: DraftFlag[] = [];
  const against =
    pinned.length > 0 ? (pinned.length === 1 ? 'the pinned style reference' : 'the pinned style references') : 'the rest of the series';
  for (let i = 0; i < n; i++) {
    const s = similarity[i];
    const zi = z[i];
    const scene = sceneSimilarity[i] ?? null;
    const sceneZ = scene !== null && sceneSummary ? robustZ(scene, sceneSummary) : null;
    // Relative: far from the series and, unless references are pinned, from its own scene too
    // (a scene that looks different as a whole is a choice, not one frame drifting).
    const relative =
      s !== null &&
      s !== undefined &&
      zi !== null &&
      zi !== undefined &&
      zi <= -thresholds.styleOutlierZ &&
      (pinned.length > 0 || sceneZ === null || sceneZ <= -thresholds.styleOutlierZ);
    const rawCosine = rawScene[i] ?? rawSeries[i] ?? null;
    const absolute = absoluteKnown && rawCosine !== null && rawCosine < thresholds.styleDriftCosine && !pinnedSet.has(i);
    if (!relative && !absolute) continue;
    const name = shotName(frames[i]!.shot);
    let reason: string;
    if (relative) {
      const scenePart = sceneZ !== null && pinned.length === 0 ? ` and of its scene (${cosineText(scene!)})` : '';
      reason = `${name} stands out from the style of ${against} (similarity ${cosineText(s)} vs a median of ${cosineText(summary!.median)}, z = ${zText(zi!)})${scenePart}.`;
      if (absolute)
        reason = `${reason.slice(0, -1)}, and is below this model's style threshold (${cosineText(rawCosine)} < ${cosineText(thresholds.styleDriftCosine)}).`;
    } else {
      const [value, limit] = cosinePair(rawCosine!, thresholds.styleDriftCosine);
      reason = `${name} looks far from the rest of its ${rawScene[i] !== null ? 'scene' : 'series'} (similarity ${value}, below this model's style threshold of ${limit}).`;
    }
    const numbers: Record<string, number> = {};
    if (s !== null && s !== undefined) numbers.similarity = round(s);
    if (summary) Object.assign(numbers, { median: round(summary.median), mad: round(summary.mad) });
    if (zi !== null && zi !== undefined) Object.assign(numbers, { z: round(zi, 2), zThreshold: -thresholds.styleOutlierZ });
    if (scene !== null) numbers.sceneSimilarity = round(scene);
    if (sceneZ !== null) numbers.sceneZ = round(sceneZ, 2);
    if (rawCosine !== null)
      Object.assign(numbers, { rawCosine: round(rawCosine), ...(absoluteKnown && { threshold: thresholds.styleDriftCosine }) });
    flags.push({
      index: i,
      flag: {
        kind: 'style-drift',
        severity: 'warning',
        reason,
        numbers,
        relatedFrameIds: pinned.length > 0 ? pinned.map((p) => frames[p]!.id) : [],
      },
    });
  }
  return { similarity, sceneSimilarity, z, summary, references: pinned.map((i) => frames[i]!.id), flags };
}

export interface StylePromptResult {
  cosine: (number | null)[];
  summary: RobustSummary | null;
  flags: DraftFlag[];
}

/** The project style prompt against every frame's raw image embedding; low outliers are flagged. */
export function stylePromptFit(
  raw: Rows,
  prompt: Float32Array,
  promptText: string,
  shots: readonly string[],
  thresholds: AnalysisThresholds,
): StylePromptResult {
  if (prompt.length !== raw.dims) throw new Error(`The style prompt embedding has ${prompt.length} values, the images ${raw.dims}.`);
  const cosine = shots.map((_, i) => {
    if (!raw.present[i]) return null;
    let sum = 0;
    for (let k = 0; k < raw.dims; k++) sum += raw.data[i * raw.dims + k]! * prompt[k]!;
    return sum;
  });
  const summary = robustSummary(
    cosine.filter((c): c is number => c !== null),
    SCALE_FLOOR.stylePromptCosine,
  );
  const flags: DraftFlag[] = [];
  if (summary) {
    cosine.forEach((c, i) => {
      if (c === null) return;
      const z = robustZ(c, summary);
      if (z > -thresholds.stylePromptOutlierZ) return;
      flags.push({
        index: i,
        flag: {
          kind: 'style-prompt',
          severity: 'info',
          reason: `${shotName(shots[i]!)} fits the project style "${promptText}" less than the rest of the board (${cosineText(c)} vs a median of ${cosineText(summary.median)}, z = ${zText(z)}).`,
          numbers: {
            cosine: round(c),
            median: round(summary.median),
            mad: round(summary.mad),
            z: round(z, 2),
            zThreshold: -thresholds.stylePromptOutlierZ,
          },
          relatedFrameIds: [],
        },
      });
    });
  }
  return { cosine, summary, flags };
}
