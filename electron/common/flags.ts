// The flag vocabulary: every output (the app, the CLI, CSV, JSON, HTML, PDF) names, ranks and
// counts flags through this module, so the same board reads the same everywhere.
import type { FlagKind, FlagLevel, FlagSeverity } from './api.ts';
import { FLAG_KINDS } from './values.ts';

/**
 * What a person reads for each kind: a short label (chips, columns, legends), one line on what it
 * means, and how loud it is on a board that says nothing else (common/flagLevels.ts).
 */
export const FLAG_VOCABULARY: Readonly<Record<FlagKind, { label: string; meaning: string; defaultLevel: FlagLevel }>> = {
  'caption-drift': { label: 'Caption drift', meaning: 'The frame scores low against its own caption.', defaultLevel: 'warning' },
  'caption-mismatch': {
    label: 'Better caption elsewhere',
    meaning: "Another shot's caption fits this frame better than its own.",
    defaultLevel: 'warning',
  },
  'caption-swap': { label: 'Swapped captions', meaning: "Two frames each fit the other's caption better.", defaultLevel: 'warning' },
  'style-drift': { label: 'Style drift', meaning: 'The frame looks unlike the rest of its series.', defaultLevel: 'warning' },
  'style-prompt': { label: 'Off the style prompt', meaning: "The frame is far from the project's style prompt.", defaultLevel: 'warning' },
  'palette-drift': { label: 'Palette drift', meaning: "The frame's colours differ from its scene's.", defaultLevel: 'warning' },
  continuity: { label: 'Continuity jump', meaning: 'The frame looks unlike its neighbours in the scene.', defaultLevel: 'warning' },
  'off-center': {
    label: 'Subject off-center',
    meaning: 'The whole frame fits the caption better than the center CLIP sees.',
    defaultLevel: 'warning',
  },
  'time-of-day': {
    label: 'Time of day',
    meaning: 'The frame looks like another time of day than its scene heading or shot list says.',
    defaultLevel: 'warning',
  },
  'interior-exterior': {
    label: 'Interior/exterior',
    meaning: 'The frame looks interior where the script or shot list says exterior, or the reverse.',
    defaultLevel: 'warning',
  },
  'shot-size': { label: 'Shot size', meaning: 'The frame looks framed wider or closer than the shot list says.', defaultLevel: 'warning' },
  'no-caption': { label: 'No caption', meaning: 'The frame has no caption to score.', defaultLevel: 'warning' },
  'caption-truncated': { label: 'Caption too long', meaning: 'CLIP reads only the first 77 tokens of the caption.', defaultLevel: 'info' },
  'crop-loss': { label: 'Cropped by CLIP', meaning: 'CLIP sees only the center square of a wide frame.', defaultLevel: 'info' },
  transparency: { label: 'Transparency', meaning: 'Part of the frame is transparent.', defaultLevel: 'warning' },
};

export function flagLabel(kind: FlagKind): string {
  return FLAG_VOCABULARY[kind].label;
}

/** "Warning" for what needs a look, "Note" for what is worth knowing. */
export function severityLabel(severity: FlagSeverity): string {
  return severity === 'warning' ? 'Warning' : 'Note';
}

interface FlagLike {
  kind: FlagKind;
  severity: FlagSeverity;
  acknowledged: boolean;
}

/** Flags the person has not marked as intended. */
export function activeFlags<F extends FlagLike>(flags: readonly F[]): F[] {
  return flags.filter((f) => !f.acknowledged);
}

/**
 * The one rule for "needs a look": an active warning. Info flags (crop loss on every 16:9 frame)
 * are shown but do not count, or a whole widescreen board would read as flagged.
 */
export function needsLook(flag: FlagLike): boolean {
  return !flag.acknowledged && flag.severity === 'warning';
}

export function frameNeedsLook(flags: readonly FlagLike[]): boolean {
  return flags.some(needsLook);
}

/** Active flags first by severity (warnings before notes), then in FLAG_KINDS order. */
export function orderFlags<F extends FlagLike>(flags: readonly F[]): F[] {
  const rank = (f: F) => (f.severity === 'warning' ? 0 : 1) * FLAG_KINDS.length + FLAG_KINDS.indexOf(f.kind);
  return [...flags].sort((a, b) => rank(a) - rank(b));
}

export interface FlagCounts {
  /** Frames with at least one flag that needs a look. */
  flaggedFrames: number;
  /** Flags that need a look, per kind; kinds with none are left out. */
  flagCounts: Partial<Record<FlagKind, number>>;
  /** Active info-level flags per kind (shown, not counted as flagged). */
  noteCounts: Partial<Record<FlagKind, number>>;
  acknowledgedFlags: number;
}

/** The counts every output shows, from each frame's flags. */
export function countFlags(frames: Iterable<readonly FlagLike[]>): FlagCounts {
  const counts: FlagCounts = { flaggedFrames: 0, flagCounts: {}, noteCounts: {}, acknowledgedFlags: 0 };
  for (const flags of frames) {
    for (const flag of flags) {
      if (flag.acknowledged) counts.acknowledgedFlags++;
      else if (needsLook(flag)) counts.flagCounts[flag.kind] = (counts.flagCounts[flag.kind] ?? 0) + 1;
      else counts.noteCounts[flag.kind] = (counts.noteCounts[flag.kind] ?? 0) + 1;
    }
    if (frameNeedsLook(flags)) counts.flaggedFrames++;
  }
  return counts;
}

/** Counts in FLAG_KINDS order, as "Caption drift 3 · Style drift 1". */
export function countEntries(counts: Partial<Record<FlagKind, number>>): [FlagKind, number][] {
  return FLAG_KINDS.flatMap((kind): [FlagKind, number][] => (counts[kind] ? [[kind, counts[kind]]] : []));
}

export function describeCounts(counts: Partial<Record<FlagKind, number>>, separator = ' \u00b7 '): string {
  return countEntries(counts)
    .map(([kind, n]) => `${flagLabel(kind)} ${n}`)
    .join(separator);
}

/**
 * Frames with an error (an image that could not be read): counted apart from flags, and never
 * as flagged, so "3 flagged" and "Flagged only" mean the same frames everywhere.
 */
export function countErrorFrames(frames: Iterable<{ error?: unknown }>): number {
  let count = 0;
  for (const frame of frames) if (frame.error) count++;
  return count;
}
