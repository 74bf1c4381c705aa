// Zero-shot checks from the cached image embeddings: does the frame look like the time of day,
// the interior or exterior, and the shot size its script heading or shot list states? Each label
// is read with its prompt ensemble (lookPrompts.ts). A frame is flagged only when the label it
// looks like beats every stated label by a share of the board's typical spread between labels
// (the median over frames of best minus worst label): a ratio, so the rule holds at any model's
// cosine scale. Where nothing is stated, nothing is read and nothing is claimed.
import type { AnalysisThresholds, FlagKind, LookCheck, LookLabel, LookReading } from '../../common/api.ts';
import { dotVector, normalizedOrNull, type Rows } from './matrix.ts';
import { LOOK_LABELS, LOOK_PROMPTS, LOOK_WORDS } from './lookPrompts.ts';
import { median } from './robust.ts';
import type { DraftFlag, EmbeddedTexts, LookStatement } from './types.ts';
import { cosinePair, round, shotRef } from './wording.ts';

const FLAG_OF: Readonly<Record<LookCheck, FlagKind>> = {
  'time-of-day': 'time-of-day',
  'interior-exterior': 'interior-exterior',
  'shot-size': 'shot-size',
};

/** The label's ensemble embedding, or null when one of its prompts is not embedded yet. */
function labelVector(label: LookLabel, texts: EmbeddedTexts): Float32Array | null {
  const prompts = LOOK_PROMPTS[label];
  let sum: Float64Array | null = null;
  for (const prompt of prompts) {
    const v = texts.get(prompt)?.vector;
    if (!v) return null;
    sum ??= new Float64Array(v.length);
    if (v.length !== sum.length) return null;
    for (let k = 0; k < v.length; k++) sum[k]! += v[k]!;
  }
  return sum ? normalizedOrNull(sum) : null;
}

export interface LookCheckResult {
  readings: LookReading[][];
  flags: DraftFlag[];
  notes: string[];
}

interface FrameRef {
  shot: string;
  statements: readonly LookStatement[];
}

export function lookChecks(
  images: Rows,
  frames: readonly FrameRef[],
  texts: EmbeddedTexts,
  thresholds: AnalysisThresholds,
): LookCheckResult {
  const readings: LookReading[][] = frames.map(() => []);
  const flags: DraftFlag[] = [];
  const notes: string[] = [];
  const checks = new Set(frames.flatMap((f) => f.statements.map((s) => s.check)));
  for (const check of checks) {
    const labels = LOOK_LABELS[check];
    const vectors = labels.map((l) => labelVector(l, texts));
    if (vectors.some((v) => v === null || v.length !== images.dims)) {
      notes.push(`The ${check} check did not run: its prompts are not embedded with this model yet (score the board).`);
      continue;
    }
    const scores = frames.map((_, i) => (images.present[i] ? vectors.map((v) => dotVector(images, i, v!)) : null));
    // The board's typical spread between the labels: what a clear reading looks like on this model.
    const spread = median(scores.flatMap((s) => (s ? [Math.max(...s) - Math.min(...s)] : [])));
    frames.forEach((frame, index) => {
      const s = scores[index];
      const statement = frame.statements.find((st) => st.check === check);
      if (!s || !statement || !(spread > 0)) return;
      const byLabel = new Map(labels.map((l, k) => [l, s[k]!]));
      const best = labels.reduce((a, b) => (byLabel.get(b)! > byLabel.get(a)! ? b : a));
      const stated = statement.stated.filter((l) => byLabel.has(l));
      if (stated.length === 0) return;
      const bestStated = stated.reduce((a, b) => (byLabel.get(b)! > byLabel.get(a)! ? b : a));
      const others = labels.filter((l) => !stated.includes(l));
      const bestOther = others.length > 0 ? others.reduce((a, b) => (byLabel.get(b)! > byLabel.get(a)! ? b : a)) : bestStated;
      const margin = (byLabel.get(bestOther)! - byLabel.get(bestStated)!) / spread;
      readings[index]!.push({
        check,
        looks: best,
        scores: Object.fromEntries(labels.map((l) => [l, round(byLabel.get(l)!)])),
        stated: [...stated],
        statedBy: statement.statedBy,
        margin: round(margin, 3),
      });
      if (margin <= thresholds.lookMarginRatio) return;
      const [a, b] = cosinePair(byLabel.get(bestOther)!, byLabel.get(bestStated)!);
      const reason = `${statement.statedBy}, but ${shotRef(frame.shot)} looks like ${LOOK_WORDS[bestOther]} (${bestOther} ${a} vs ${bestStated} ${b}).`;
      const numbers: Record<string, number> = Object.fromEntries(labels.map((l) => [l, round(byLabel.get(l)!)]));
      Object.assign(numbers, { margin: round(margin, 3), threshold: thresholds.lookMarginRatio, spread: round(spread) });
      flags.push({ index, flag: { kind: FLAG_OF[check], severity: 'warning', reason, numbers, relatedFrameIds: [] } });
    });
  }
  return { readings, flags, notes };
}
