// Precision, recall and ranking measures for the evaluation.

export interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function emptyTally(): Tally {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
}

export function count(tally: Tally, predicted: boolean, actual: boolean): void {
  if (predicted && actual) tally.truePositives++;
  else if (predicted) tally.falsePositives++;
  else if (actual) tally.falseNegatives++;
}

/** Precision with no predictions is 1 (nothing was wrong); recall with no positives is 1. */
export function precision(t: Tally): number {
  const predicted = t.truePositives + t.falsePositives;
  return predicted === 0 ? 1 : t.truePositives / predicted;
}

export function recall(t: Tally): number {
  const actual = t.truePositives + t.falseNegatives;
  return actual === 0 ? 1 : t.truePositives / actual;
}

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties count half). */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const q of negatives) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** The lowest positive minus the highest negative: > 0 when one threshold separates them all. */
export function margin(positives: readonly number[], negatives: readonly number[]): number {
  return Math.min(...positives) - Math.max(...negatives);
}
