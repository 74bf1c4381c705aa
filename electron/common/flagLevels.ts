// How loud each kind of flag is on a board: off (not reported), info (a note) or warning (needs a
// look). The one home of the levels, their defaults and the presets; the analysis applies them, so
// every output (header, chart, cards, detail, CLI, exports, --fail-on) reads the same flags.
import type { FlagKind, FlagLevel, FlagSeverity } from './api.ts';
import { FLAG_VOCABULARY } from './flags.ts';
import { FLAG_KINDS } from './values.ts';

export const FLAG_LEVELS = ['off', 'info', 'warning'] as const satisfies readonly FlagLevel[];

export function isFlagLevel(value: unknown): value is FlagLevel {
  return typeof value === 'string' && (FLAG_LEVELS as readonly string[]).includes(value);
}

/** What Settings calls each level. */
export const FLAG_LEVEL_LABELS: Readonly<Record<FlagLevel, { label: string; meaning: string }>> = {
  off: { label: 'Off', meaning: 'Not checked or reported at all.' },
  info: { label: 'Note', meaning: 'Shown as a note; never counted as flagged.' },
  warning: { label: 'Warn', meaning: 'Needs a look: counted as flagged (weaker evidence still shows as a note).' },
};

/**
 * The kinds a person can switch. Crop loss is a board note now ("32 of 39 frames are wider than
 * square…"), never a frame's flag, so it has no switch.
 */
export const SWITCHABLE_KINDS: readonly FlagKind[] = FLAG_KINDS.filter((k) => k !== 'crop-loss');

export type FlagLevels = Readonly<Record<FlagKind, FlagLevel>>;

/** The defaults, from the vocabulary. */
export function defaultFlagLevels(): Record<FlagKind, FlagLevel> {
  return Object.fromEntries(FLAG_KINDS.map((k) => [k, FLAG_VOCABULARY[k].defaultLevel])) as Record<FlagKind, FlagLevel>;
}

/** A board's levels in full: its overrides (frameproof.json's flagLevels) over the defaults. */
export function flagLevelsOf(overrides: Partial<Record<FlagKind, FlagLevel>> | undefined): Record<FlagKind, FlagLevel> {
  return { ...defaultFlagLevels(), ...overrides };
}

/** Only what differs from the defaults: what frameproof.json keeps. */
export function flagLevelOverrides(levels: Partial<Record<FlagKind, FlagLevel>>): Partial<Record<FlagKind, FlagLevel>> {
  const defaults = defaultFlagLevels();
  const out: Partial<Record<FlagKind, FlagLevel>> = {};
  for (const kind of FLAG_KINDS) {
    const level = levels[kind];
    if (level !== undefined && level !== defaults[kind]) out[kind] = level;
  }
  return out;
}

/**
 * A flag's severity under its kind's level, or null when the kind is off. The level is a ceiling:
 * 'warning' keeps what the detector decided (a caption drift seen only against the board is a
 * note), 'info' makes every flag of the kind a note.
 */
export function severityUnder(level: FlagLevel, detected: FlagSeverity): FlagSeverity | null {
  if (level === 'off') return null;
  return level === 'info' ? 'info' : detected;
}

const CAPTION_KINDS: readonly FlagKind[] = ['caption-drift', 'caption-mismatch', 'caption-swap', 'off-center', 'no-caption'];
const LOOK_KINDS: readonly FlagKind[] = ['style-drift', 'style-prompt', 'palette-drift', 'continuity'];

function levels(base: FlagLevel, groups: [readonly FlagKind[], FlagLevel][]): Record<FlagKind, FlagLevel> {
  const out = Object.fromEntries(FLAG_KINDS.map((k) => [k, base])) as Record<FlagKind, FlagLevel>;
  for (const [kinds, level] of groups) for (const k of kinds) out[k] = level;
  return out;
}

export type FlagPresetId = 'default' | 'captions' | 'strict' | 'quiet';

export interface FlagPreset {
  id: FlagPresetId;
  /** What Settings shows. */
  label: string;
  /** One line for a director. */
  meaning: string;
  levels: FlagLevels;
}

/** The presets, in the order Settings lists them. */
export const FLAG_PRESETS: readonly FlagPreset[] = [
  {
    id: 'default',
    label: 'Default',
    meaning: "Frameproof's defaults: every check warns; long captions are notes.",
    levels: defaultFlagLevels(),
  },
  {
    id: 'captions',
    label: 'Captions only',
    meaning: 'Only whether frames match their captions warns; the look of the series is not checked; script checks are notes.',
    levels: levels('info', [
      [CAPTION_KINDS, 'warning'],
      [LOOK_KINDS, 'off'],
    ]),
  },
  {
    id: 'strict',
    label: 'Strict',
    meaning: 'Everything Frameproof checks may warn, long captions too.',
    levels: levels('warning', []),
  },
  {
    id: 'quiet',
    label: 'Quiet',
    meaning: 'Only a caption that does not fit or is missing warns; the look and script checks are notes; long captions are not reported.',
    levels: levels('info', [
      [['caption-drift', 'caption-mismatch', 'caption-swap', 'no-caption'], 'warning'],
      [['caption-truncated'], 'off'],
    ]),
  },
];

export const FLAG_PRESET_IDS: readonly FlagPresetId[] = FLAG_PRESETS.map((p) => p.id);

/** "Captions only", "captions-only", "captions" and "CAPTIONS" all name the same preset. */
export function flagPresetOf(name: string): FlagPreset | null {
  const plain = name.replace(/[-_\s]/g, '').toLowerCase();
  return FLAG_PRESETS.find((p) => p.id === plain || p.label.replace(/\s/g, '').toLowerCase() === plain) ?? null;
}

/** The preset these levels are, or null for a mix of one's own. */
export function presetMatching(levels: Partial<Record<FlagKind, FlagLevel>>): FlagPreset | null {
  const full = flagLevelsOf(levels);
  return FLAG_PRESETS.find((p) => SWITCHABLE_KINDS.every((k) => p.levels[k] === full[k])) ?? null;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The nearest of `names` to `word` when it is near enough to be a typo, else null. */
export function closestName(word: string, names: readonly string[]): string | null {
  const plain = word.toLowerCase();
  // A name begun but not finished ("warn", "caption-dr") is meant as that name.
  const begun = plain.length >= 3 ? names.filter((n) => n.toLowerCase().startsWith(plain)) : [];
  if (begun.length === 1) return begun[0]!;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(plain, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/** " Did you mean caption-drift?" or nothing. */
export function didYouMean(word: string, names: readonly string[]): string {
  const near = closestName(word, names);
  return near ? ` Did you mean ${near}?` : '';
}

export interface FlagLevelIssue {
  path: string;
  message: string;
}

/** Why a kind name or a level is refused, by path; kinds may be any of FLAG_KINDS. */
export function checkFlagLevel(path: string, kind: string, level: unknown): FlagLevelIssue | null {
  if (!(FLAG_KINDS as readonly string[]).includes(kind))
    return { path, message: `"${kind}" is not a flag kind.${didYouMean(kind, FLAG_KINDS)} Kinds: ${FLAG_KINDS.join(', ')}.` };
  if (!isFlagLevel(level)) {
    const shown = typeof level === 'string' ? `"${level}"` : (JSON.stringify(level) ?? String(level));
    const hint = typeof level === 'string' ? didYouMean(level, FLAG_LEVELS) : '';
    return { path, message: `${shown} is not a level.${hint} Levels: ${FLAG_LEVELS.join(', ')}.` };
  }
  return null;
}

export type FlagLevelArgsResult =
  { ok: true; value: Partial<Record<FlagKind, FlagLevel>>; preset: FlagPreset | null } | { ok: false; issues: FlagLevelIssue[] };

/**
 * The CLI's `--preset NAME` and `--flag KIND=LEVEL` (repeatable; a later one wins, each over the
 * preset). Without a preset the flags go over the board's own levels.
 */
export function parseFlagLevelArgs(preset: string | undefined, flags: readonly string[]): FlagLevelArgsResult {
  const issues: FlagLevelIssue[] = [];
  const chosen = preset === undefined ? null : flagPresetOf(preset);
  if (preset !== undefined && !chosen) {
    const ids = FLAG_PRESET_IDS as readonly string[];
    issues.push({
      path: `--preset ${preset}`,
      message: `there is no preset "${preset}".${didYouMean(preset, ids)} Presets: ${ids.join(', ')}.`,
    });
  }
  const value: Partial<Record<FlagKind, FlagLevel>> = chosen ? { ...chosen.levels } : {};
  for (const arg of flags) {
    const path = `--flag ${arg}`;
    const match = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(arg);
    if (!match) {
      issues.push({ path, message: `expected KIND=LEVEL, e.g. palette-drift=off. Levels: ${FLAG_LEVELS.join(', ')}.` });
      continue;
    }
    const issue = checkFlagLevel(path, match[1]!, match[2]!.toLowerCase());
    if (issue) issues.push(issue);
    else value[match[1] as FlagKind] = match[2]!.toLowerCase() as FlagLevel;
  }
  return issues.length === 0 ? { ok: true, value, preset: chosen } : { ok: false, issues };
}
