// Caption mismatch: another shot's caption fits a frame better than its own, by a margin; two
// frames that each fit the other's caption are named as a swapped pair. Every frame keeps the
// three captions of the board that fit it best. A frame against its own caption is scoring's
// cosine (read, not recomputed): the product below supplies the other captions, and its diagonal
// is that same cosine, so the frame's own entry among its candidates is exactly its score.
//
// Cost: every frame against every caption is n² dot products (2,000 frames at 512 dimensions:
// 2 G multiply-adds, 1.2-2 s in JavaScript on one core). Boards up to FULL_SEARCH_MAX_PRODUCTS
// get the full product; larger ones compare each frame with a candidate set: its own group of
// neighbouring shots and the groups on either side (off-by-one and swapped shots sit there), plus
// the TOP_GROUPS groups anywhere on the board whose mean caption fits the frame best.
import type { AnalysisThresholds, CaptionSearchInfo, RobustSummary } from '../../common/api.ts';
import { centroidOf, productMatrix, type Rows } from './matrix.ts';
import { productMatrixReusing } from './productMemo.ts';
import { robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
import type { DraftFlag } from './types.ts';
import { cosineText, round, shotName, shotRef } from './wording.ts';

/** n · m · dims above this uses candidate groups (2^27: ~0.1-0.2 s here; 512 frames at 512 dims). */
export const FULL_SEARCH_MAX_PRODUCTS = 2 ** 27;
/** Frames per candidate group: consecutive shots of one scene. */
export const GROUP_SIZE = 32;
/** Groups taken from anywhere on the board, by their mean caption. */
export const TOP_GROUPS = 3;

export interface MatchFrame {
  id: string;
  shot: string;
  sceneId: string;
  /** The text that was embedded; frames with the same text count as one caption. */
  captionText: string | null;
}

export interface Scored {
  /** Index of the frame whose caption it is. */
  j: number;
  cosine: number;
}

export interface CaptionMatches {
  /** Each frame against its own caption (scoring's cosine); null without both embeddings. */
  own: (number | null)[];
  /** The three best distinct captions per frame. */
  top3: Scored[][];
  /** The best caption other than the frame's own (and other than copies of its text). */
  best: (Scored | null)[];
  search: CaptionSearchInfo;
}

/** The captions one frame was compared with: caption frame indexes and cosines, side by side. */
interface Candidates {
  js: number[];
  cosines: number[];
}

function captionKey(text: string | null): string | null {
  return text === null ? null : text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Consecutive frames of one scene, at most GROUP_SIZE each (split evenly), in story order. */
export function captionGroups(frames: readonly MatchFrame[], groupSize = GROUP_SIZE): number[][] {
  const runs: number[][] = [];
  frames.forEach((frame, i) => {
    const last = runs.at(-1);
    if (last && frames[last[0]!]!.sceneId === frame.sceneId) last.push(i);
    else runs.push([i]);
  });
  return runs.flatMap((run) => {
    const parts = Math.ceil(run.length / groupSize);
    const size = Math.ceil(run.length / parts);
    return Array.from({ length: parts }, (_, p) => run.slice(p * size, (p + 1) * size));
  });
}

function gather(rows: Rows, indexes: readonly number[]): Rows {
  const data = new Float32Array(indexes.length * rows.dims);
  indexes.forEach((i, r) => data.set(rows.data.subarray(i * rows.dims, (i + 1) * rows.dims), r * rows.dims));
  return { data, dims: rows.dims, count: indexes.length, present: indexes.map(() => true) };
}

/**
 * Each frame against the captions of its candidate groups (see the header). The work is done per
 * (frame group, caption group) pair as a dense block product, which runs several times faster
 * than one frame at a time.
 */
function candidateScores(images: Rows, captions: Rows, own: readonly (number | null)[], frames: readonly MatchFrame[]): Candidates[] {
  const frameGroups = captionGroups(frames);
  const groups = frameGroups.map((g) => g.filter((j) => captions.present[j]));
  const centroids: Rows = { data: new Float32Array(groups.length * captions.dims), dims: captions.dims, count: groups.length, present: [] };
  groups.forEach((g, index) => {
    const centroid = g.length > 0 ? centroidOf(captions, g) : null;
    centroids.present.push(centroid !== null);
    if (centroid) centroids.data.set(centroid, index * captions.dims);
  });
  const toCentroids = productMatrix(images, centroids);
  const captionBlocks = groups.map((g) => gather(captions, g));
  const ranked: Candidates[] = frames.map(() => ({ js: [], cosines: [] }));
  const all = groups.map((_, h) => h);
  frameGroups.forEach((members, g) => {
    const withImage = members.filter((i) => images.present[i]);
    // Caption group -> the frames of this group that compare with it.
    const pairs = new Map<number, number[]>();
    for (const h of [g - 1, g, g + 1]) if (h >= 0 && h < groups.length) pairs.set(h, [...withImage]);
    for (const i of withImage) {
      const row = toCentroids.subarray(i * groups.length, (i + 1) * groups.length);
      const best = all
        .filter((h) => Math.abs(h - g) > 1 && centroids.present[h])
        .sort((a, b) => row[b]! - row[a]!)
        .slice(0, TOP_GROUPS);
      for (const h of best) (pairs.get(h) ?? pairs.set(h, []).get(h)!).push(i);
    }
    for (const [h, list] of pairs) {
      const columns = groups[h]!;
      if (columns.length === 0 || list.length === 0) continue;
      const block = productMatrix(gather(images, list), captionBlocks[h]!);
      list.forEach((i, r) => {
        const { js, cosines } = ranked[i]!;
        for (let c = 0; c < columns.length; c++) {
          js.push(columns[c]!);
          cosines.push(columns[c] === i ? own[i]! : block[r * columns.length + c]!);
        }
      });
    }
  });
  return ranked;
}

/** own[i]: frame i against its own caption, as scoring computed it (null where it has no score). */
export function captionMatches(
  images: Rows,
  captions: Rows,
  own: readonly (number | null)[],
  frames: readonly MatchFrame[],
): CaptionMatches {
  const n = frames.length;
  const keys = frames.map((f) => captionKey(f.captionText));
  const captionCount = captions.present.filter(Boolean).length;
  const imageCount = images.present.filter(Boolean).length;
  let ranked: Candidates[];
  const full = imageCount * captionCount * images.dims <= FULL_SEARCH_MAX_PRODUCTS;
  if (full) {
    const matrix = productMatrixReusing(images, captions);
    const columns = frames.map((_, j) => j).filter((j) => captions.present[j]);
    ranked = frames.map((_, i) =>
      images.present[i] ? { js: columns, cosines: columns.map((j) => (j === i ? own[i]! : matrix[i * n + j]!)) } : { js: [], cosines: [] },
    );
  } else {
    ranked = candidateScores(images, captions, own, frames);
  }
  const search: CaptionSearchInfo = full
    ? {
        mode: 'board',
        candidatesPerFrame: captionCount,
        description: `Each frame was compared with every caption of the board (${captionCount}).`,
      }
    : describeCandidates(ranked, captionCount);

  const top3: Scored[][] = [];
  const best: (Scored | null)[] = [];
  for (let i = 0; i < n; i++) {
    const picked = pick(i, ranked[i]!, keys);
    top3.push(picked.top);
    best.push(picked.other);
  }

  return { own: [...own], top3, best, search };
}

/**
 * A better-fitting caption only means something when it fits this frame the way captions fit
 * their own frames: about as well as it fits its own frame (within one robust deviation of the
 * board's own-caption scores), and not at a drifting level itself. A frame with an unrelated
 * caption is fitted better by many captions of its scene by chance; saying it "looks more like
 * shot 14" would point at the wrong fix. (On the evaluation set this removed every such case and
 * kept every planted mismatch; a plain "z of the other fit above -1.5" lost 8% of them.)
 */
function plausibleFit(
  cosine: number,
  captionOwnScore: number | null,
  summary: RobustSummary | null,
  thresholds: AnalysisThresholds,
): boolean {
  if (cosine < thresholds.captionDriftCosine) return false;
  if (!summary) return true;
  if (robustZ(cosine, summary) <= -thresholds.captionOutlierZ) return false;
  return captionOwnScore === null || cosine >= captionOwnScore - summary.scale;
}

/**
 * The lead of each frame's best other caption over its own (negative when its own fits best), and
 * their robust summary over the board. A lead counts in the board's own units: on a board of vague
 * captions ("a mid shot during the day") every frame has a small lead, and a lead only means
 * something when it stands out from those, whatever the model's cosine scale.
 */
export function captionLeads(matches: CaptionMatches): { lead: (number | null)[]; summary: RobustSummary | null } {
  const lead = matches.own.map((mine, i) => {
    const other = matches.best[i];
    return mine === null || mine === undefined || !other ? null : other.cosine - mine;
  });
  return {
    lead,
    summary: robustSummary(
      lead.filter((l): l is number => l !== null),
      SCALE_FLOOR.captionCosine,
    ),
  };
}

/** Mismatch and swap flags from the matches; summary: the board's own-caption scores (caption drift's). */
export function mismatchFlags(
  frames: readonly MatchFrame[],
  matches: CaptionMatches,
  summary: RobustSummary | null,
  thresholds: AnalysisThresholds,
): DraftFlag[] {
  const { own, best } = matches;
  const n = frames.length;
  const flags: DraftFlag[] = [];
  const leads = captionLeads(matches);
  const leadZ = (gain: number) => (leads.summary ? robustZ(gain, leads.summary) : null);
  /** A lead above the floor that stands out from the board's leads (or the board is too small to tell). */
  const standsOut = (gain: number) => gain >= thresholds.mismatchMarginCosine && (leadZ(gain) ?? Infinity) >= thresholds.mismatchMarginZ;
  const swapped = new Set<number>();
  for (let i = 0; i < n; i++) {
    const mine = own[i];
    const other = best[i];
    if (mine === null || mine === undefined || !other) continue;
    const j = other.j;
    const theirs = own[j];
    const back = best[j];
    if (j <= i || swapped.has(j) || theirs === null || theirs === undefined || back?.j !== i) continue;
    const gainI = other.cosine - mine;
    const gainJ = back.cosine - theirs;
    // A pair: each lead positive, and together they stand out as much as one mismatch must.
    const pairZ = leads.summary ? (leadZ(gainI)! + leadZ(gainJ)!) / 2 : Infinity;
    if (!(gainI > 0 && gainJ > 0 && gainI + gainJ >= 2 * thresholds.mismatchMarginCosine && pairZ >= thresholds.mismatchMarginZ)) continue;
    if (!plausibleFit(other.cosine, theirs, summary, thresholds) || !plausibleFit(back.cosine, mine, summary, thresholds)) continue;
    swapped.add(i).add(j);
    const pair = (a: number, b: number, fit: number, ownFit: number, otherFit: number, otherOwn: number): DraftFlag => ({
      index: a,
      flag: {
        kind: 'caption-swap',
        severity: 'warning',
        reason: `${shotName(frames[a]!.shot)} and ${shotRef(frames[b]!.shot)} look swapped: ${shotRef(frames[a]!.shot)} fits ${shotRef(frames[b]!.shot)}'s caption better than its own (${cosineText(fit)} vs ${cosineText(ownFit)}), and ${shotRef(frames[b]!.shot)} fits ${shotRef(frames[a]!.shot)}'s (${cosineText(otherFit)} vs ${cosineText(otherOwn)}).`,
        numbers: {
          ownCosine: round(ownFit),
          otherCosine: round(fit),
          partnerOwnCosine: round(otherOwn),
          partnerOtherCosine: round(otherFit),
          margin: thresholds.mismatchMarginCosine,
          ...(Number.isFinite(pairZ) && { leadZ: round(pairZ, 2), leadZThreshold: thresholds.mismatchMarginZ }),
        },
        relatedFrameIds: [frames[b]!.id],
      },
    });
    flags.push(pair(i, j, other.cosine, mine, back.cosine, theirs), pair(j, i, back.cosine, theirs, other.cosine, mine));
  }
  for (let i = 0; i < n; i++) {
    const mine = own[i];
    const other = best[i];
    if (mine === null || mine === undefined || !other || swapped.has(i)) continue;
    const gain = other.cosine - mine;
    if (!standsOut(gain) || !plausibleFit(other.cosine, own[other.j] ?? null, summary, thresholds)) continue;
    const z = leadZ(gain);
    flags.push({
      index: i,
      flag: {
        kind: 'caption-mismatch',
        severity: 'warning',
        reason: `${shotName(frames[i]!.shot)} looks more like ${shotRef(frames[other.j]!.shot)}'s caption (${cosineText(other.cosine)} vs ${cosineText(mine)} for its own).`,
        numbers: {
          ownCosine: round(mine),
          otherCosine: round(other.cosine),
          gain: round(gain),
          margin: thresholds.mismatchMarginCosine,
          ...(z !== null && { leadZ: round(z, 2), leadZThreshold: thresholds.mismatchMarginZ }),
        },
        relatedFrameIds: [frames[other.j]!.id],
      },
    });
  }
  return flags;
}

/** Best first; among equal cosines the frame's own caption first, so a duplicate text never pushes it out. */
function before(i: number, a: Scored, b: Scored): boolean {
  return a.cosine !== b.cosine ? a.cosine > b.cosine : a.j === i ? true : b.j === i ? false : a.j < b.j;
}

/**
 * The three best distinct captions (by text) and the best caption other than the frame's own.
 * A scan keeping the best few is enough unless many captions repeat one text; then everything is sorted.
 */
function pick(i: number, candidates: Candidates, keys: readonly (string | null)[]): { top: Scored[]; other: Scored | null } {
  const keep = 8;
  const kept: Scored[] = [];
  const { js, cosines } = candidates;
  for (let c = 0; c < js.length; c++) {
    const s = { j: js[c]!, cosine: cosines[c]! };
    if (kept.length === keep && !before(i, s, kept[keep - 1]!)) continue;
    let at = kept.length;
    while (at > 0 && before(i, s, kept[at - 1]!)) at--;
    kept.splice(at, 0, s);
    if (kept.length > keep) kept.pop();
  }
  const choose = (ordered: readonly Scored[]) => {
    const seen = new Set<string>();
    const top: Scored[] = [];
    let other: Scored | null = null;
    for (const s of ordered) {
      const key = keys[s.j] ?? `#${s.j}`;
      if (!other && s.j !== i && key !== keys[i]) other = s;
      if (top.length < 3 && !seen.has(key)) {
        seen.add(key);
        top.push(s);
      }
      if (other && top.length >= 3) break;
    }
    return { top, other };
  };
  const quick = choose(kept);
  if ((quick.other && quick.top.length >= 3) || kept.length === js.length) return quick;
  const all = js.map((j, c) => ({ j, cosine: cosines[c]! })).sort((a, b) => (before(i, a, b) ? -1 : 1));
  return choose(all);
}

function describeCandidates(ranked: readonly Candidates[], captionCount: number): CaptionSearchInfo {
  const rows = ranked.filter((r) => r.js.length > 0);
  const mean = rows.reduce((s, r) => s + r.js.length, 0) / Math.max(1, rows.length);
  return {
    mode: 'candidates',
    candidatesPerFrame: round(mean, 1),
    description: `Large board (${captionCount} captions): each frame was compared with the captions of its own and the neighbouring groups of up to ${GROUP_SIZE} consecutive shots, and of the ${TOP_GROUPS} groups whose captions fit it best (${Math.round(mean)} captions per frame on average).`,
  };
}
