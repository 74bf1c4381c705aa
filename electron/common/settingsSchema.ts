// The one schema of the settings a person can change, shared by the app (inline checks in
// Settings), the engine (frameproof.json, the API) and the CLI (--threshold): for each setting its
// type, range, unit, label and default, and one check that words every refusal the same way
// everywhere. Pure data and pure functions.
import type { PromptSyntaxCleaning, StyleContentMode, ThresholdName, WideFrameScoring } from './api.ts';

export interface NumberRule {
  min: number;
  max: number;
  unit: string;
  /** What Settings calls it. */
  label: string;
  /** The spin box's step. */
  step: number;
  integer?: boolean;
}

/** Where a threshold's range comes from: cosines live in -1..1, margins between two cosines in 0..2. */
export const THRESHOLD_RULES: Readonly<Record<ThresholdName, NumberRule>> = {
  captionDriftCosine: { min: -1, max: 1, unit: 'cosine', label: 'Caption drift: lowest acceptable score', step: 0.01 },
  captionOutlierZ: { min: 0, max: 100, unit: 'robust standard deviations', label: 'Caption drift: deviations below the board', step: 0.1 },
  mismatchMarginCosine: { min: 0, max: 2, unit: 'cosine', label: 'Better caption elsewhere: margin', step: 0.005 },
  mismatchMarginZ: {
    min: 0,
    max: 100,
    unit: 'robust standard deviations',
    label: 'Better caption elsewhere: stands out from the board by',
    step: 0.1,
  },
  styleDriftCosine: { min: -1, max: 1, unit: 'cosine', label: 'Style drift: lowest acceptable similarity', step: 0.01 },
  styleOutlierZ: { min: 0, max: 100, unit: 'robust standard deviations', label: 'Style drift: deviations below the series', step: 0.1 },
  stylePromptOutlierZ: {
    min: 0,
    max: 100,
    unit: 'robust standard deviations',
    label: 'Style prompt: deviations below the board',
    step: 0.1,
  },
  paletteOutlierZ: { min: 0, max: 100, unit: 'robust standard deviations', label: 'Palette drift: deviations from the series', step: 0.1 },
  paletteMinDistance: { min: 0, max: 400, unit: 'CIELAB units', label: 'Palette drift: least colour distance (ΔE)', step: 1 },
  continuityOutlierZ: { min: 0, max: 100, unit: 'robust standard deviations', label: 'Continuity: deviations below the scene', step: 0.1 },
  offCenterMarginCosine: { min: 0, max: 2, unit: 'cosine', label: 'Subject outside the center: margin', step: 0.005 },
  lookMarginRatio: {
    min: 0,
    max: 10,
    unit: "share of the board's spread between labels",
    label: 'Script checks: how far the look must lean the other way',
    step: 0.05,
  },
  partWeakMarginCosine: {
    min: 0,
    max: 2,
    unit: 'cosine',
    label: "Caption breakdown: a part is weak this far below the caption's best part",
    step: 0.005,
  },
};

/** The thresholds Settings shows, in its order (the rest are for frameproof.json and --threshold). */
export const EDITABLE_THRESHOLDS: readonly ThresholdName[] = [
  'captionDriftCosine',
  'captionOutlierZ',
  'mismatchMarginCosine',
  'mismatchMarginZ',
  'styleOutlierZ',
  'paletteMinDistance',
  'continuityOutlierZ',
];

/** The app's own settings (this computer, every board): the engine's threads. */
export const APP_SETTING_RULES = {
  threads: { min: 1, max: 256, unit: 'threads', label: 'CPU threads', step: 1, integer: true },
} as const satisfies Record<string, NumberRule>;

export const PROMPT_SYNTAX_CHOICES = ['image-metadata', 'always', 'never'] as const satisfies readonly PromptSyntaxCleaning[];
export const STYLE_CONTENT_CHOICES = ['raw', 'remove-caption'] as const satisfies readonly StyleContentMode[];
export const WIDE_FRAME_CHOICES = ['center', 'crops', 'pad'] as const satisfies readonly WideFrameScoring[];

/** A board's choices when frameproof.json says nothing (styleContent 'raw': chosen on the labelled set of `npm run eval`). */
export const BOARD_CHOICE_DEFAULTS: Readonly<{
  cleanPromptSyntax: PromptSyntaxCleaning;
  styleContent: StyleContentMode;
  wideFrames: WideFrameScoring;
}> = {
  cleanPromptSyntax: 'image-metadata',
  styleContent: 'raw',
  wideFrames: 'center',
};

/** A value as a refusal quotes it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Why `value` is refused under `rule`, or null when it is acceptable. */
export function checkNumber(rule: NumberRule, value: unknown): string | null {
  const { min, max, unit } = rule;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number (${unit}), got ${describeValue(value)}.`;
  if (rule.integer && !Number.isInteger(value)) return `expected a whole number (${unit}), got ${value}.`;
  if (value < min || value > max) return `${value} is out of range: expected ${min} to ${max} (${unit}).`;
  return null;
}

export interface SettingIssue {
  /** Where, e.g. "thresholds.captionDriftCosine". */
  path: string;
  message: string;
}

export function isThresholdName(name: string): name is ThresholdName {
  return Object.hasOwn(THRESHOLD_RULES, name);
}

/** Every problem with a set of threshold overrides at once; unknown names are problems too. */
export function checkThresholds(thresholds: Partial<Record<string, unknown>>): SettingIssue[] {
  const issues: SettingIssue[] = [];
  for (const [name, value] of Object.entries(thresholds)) {
    if (value === undefined) continue;
    if (!isThresholdName(name)) {
      issues.push({ path: `thresholds.${name}`, message: `there is no threshold named "${name}".` });
      continue;
    }
    const problem = checkNumber(THRESHOLD_RULES[name], value);
    if (problem) issues.push({ path: `thresholds.${name}`, message: problem });
  }
  return issues;
}
