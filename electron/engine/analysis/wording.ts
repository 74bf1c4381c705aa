// How numbers and shots read in reasons: storyboard artists read these, not statisticians.

/** "Shot 12", or the label itself when it already says shot ("Shot 4B"). */
export function shotName(shot: string): string {
  return /^shot\b/i.test(shot.trim()) ? shot.trim() : `Shot ${shot}`;
}

/** Mid-sentence: "shot 12". */
export function shotRef(shot: string): string {
  const name = shotName(shot);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function cosineText(value: number): string {
  return value.toFixed(2);
}

/** Two cosines at the precision that tells them apart: "0.219" and "0.220", not "0.22" and "0.22". */
export function cosinePair(a: number, b: number): [string, string] {
  for (const digits of [2, 3, 4]) {
    const pair: [string, string] = [a.toFixed(digits), b.toFixed(digits)];
    if (pair[0] !== pair[1] || a === b) return pair;
  }
  return [a.toFixed(4), b.toFixed(4)];
}

export function zText(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(1)}`;
}

/** Rounds for `numbers`: readable in an export, exact enough to recompute a decision. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
