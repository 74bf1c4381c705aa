// Per-project analysis settings: defaults, and parsing whatever JSON the project state holds
// (hand-edited, older or newer) into settings, with every problem reported at once.
import { AppError } from '../../common/errors.ts';
import type {
  AnalysisSettings,
  AnalysisThresholds,
  AppErrorData,
  FlagAcknowledgement,
  FlagKind,
  FlagLevel,
  FrameReview,
  PromptSyntaxCleaning,
  ReviewChange,
  ReviewStatus,
  StyleContentMode,
  ThresholdName,
  WideFrameScoring,
} from '../../common/api.ts';
import { FLAG_KINDS, isFlagKind } from './flagKinds.ts';
import { checkFlagLevel, editDistance, flagLevelOverrides } from '../../common/flagLevels.ts';
import { isThresholdName, THRESHOLD_NAMES } from './thresholds.ts';
import {
  BOARD_CHOICE_DEFAULTS,
  checkNumber,
  checkThresholds,
  describeValue as describe,
  PROMPT_SYNTAX_CHOICES,
  STYLE_CONTENT_CHOICES,
  THRESHOLD_RULES,
  WIDE_FRAME_CHOICES,
} from '../../common/settingsSchema.ts';
import { isReviewStatus, REVIEW_COMMENT_MAX, REVIEW_STATUSES } from '../../common/values.ts';

export const SETTINGS_VERSION = 1;

export function defaultAnalysisSettings(): AnalysisSettings {
  return {
    version: SETTINGS_VERSION,
    thresholds: {},
    stylePrompt: null,
    styleReferences: [],
    acknowledgements: [],
    ...BOARD_CHOICE_DEFAULTS,
    sceneHeadings: {},
    flagLevels: {},
    reviews: [],
  };
}

export interface SettingsIssue {
  /** Where in the JSON, e.g. "thresholds.captionDriftCosine" or "acknowledgements[2].kind". */
  path: string;
  message: string;
}

export type SettingsParseResult =
  { ok: true; value: AnalysisSettings; warnings: SettingsIssue[] } | { ok: false; error: AppErrorData; issues: SettingsIssue[] };

const PROMPT_MODES: readonly PromptSyntaxCleaning[] = PROMPT_SYNTAX_CHOICES;
const STYLE_MODES: readonly StyleContentMode[] = STYLE_CONTENT_CHOICES;
const WIDE_MODES: readonly WideFrameScoring[] = WIDE_FRAME_CHOICES;
const KEYS = [
  'version',
  'thresholds',
  'stylePrompt',
  'styleReferences',
  'acknowledgements',
  'cleanPromptSyntax',
  'styleContent',
  'wideFrames',
  'sceneHeadings',
  'flagLevels',
  'reviews',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "caption-drift-cosine", "caption_drift_cosine" and "captionDriftCosine" all name the same threshold. */
export function thresholdNameOf(name: string): ThresholdName | null {
  if (isThresholdName(name)) return name;
  const plain = name.replace(/[-_\s]/g, '').toLowerCase();
  return THRESHOLD_NAMES.find((n) => n.toLowerCase() === plain) ?? null;
}

function unknownThresholdMessage(name: string): string {
  const plain = name.replace(/[-_\s]/g, '').toLowerCase();
  const nearest = [...THRESHOLD_NAMES].sort((a, b) => editDistance(plain, a.toLowerCase()) - editDistance(plain, b.toLowerCase()))[0]!;
  const hint = editDistance(plain, nearest.toLowerCase()) <= 4 ? ` Did you mean ${nearest}?` : '';
  return `There is no threshold named "${name}".${hint} Thresholds: ${THRESHOLD_NAMES.join(', ')}.`;
}

function checkThresholdValue(name: ThresholdName, value: unknown): string | null {
  return checkNumber(THRESHOLD_RULES[name], value);
}

function parseThresholds(value: unknown, issues: SettingsIssue[]): Partial<AnalysisThresholds> {
  const out: Partial<AnalysisThresholds> = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    issues.push({ path: 'thresholds', message: `expected an object of NAME: number, got ${describe(value)}.` });
    return out;
  }
  for (const [key, raw] of Object.entries(value)) {
    const name = thresholdNameOf(key);
    if (!name) {
      issues.push({ path: `thresholds.${key}`, message: unknownThresholdMessage(key) });
      continue;
    }
    const problem = checkThresholdValue(name, raw);
    if (problem) issues.push({ path: `thresholds.${key}`, message: problem });
    else out[name] = raw as number;
  }
  return out;
}

function parseAcknowledgements(value: unknown, issues: SettingsIssue[]): FlagAcknowledgement[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.push({ path: 'acknowledgements', message: `expected a list of { frameId, kind }, got ${describe(value)}.` });
    return [];
  }
  const out: FlagAcknowledgement[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const path = `acknowledgements[${i}]`;
    if (!isRecord(entry)) {
      issues.push({ path, message: `expected { frameId, kind }, got ${describe(entry)}.` });
      return;
    }
    const { frameId, kind, note } = entry;
    let ok = true;
    if (typeof frameId !== 'string' || !frameId) {
      issues.push({ path: `${path}.frameId`, message: `expected the frame's id (its relative path), got ${describe(frameId)}.` });
      ok = false;
    }
    if (!isFlagKind(kind)) {
      issues.push({ path: `${path}.kind`, message: `${describe(kind)} is not a flag kind. Kinds: ${FLAG_KINDS.join(', ')}.` });
      ok = false;
    }
    if (note !== undefined && typeof note !== 'string') {
      issues.push({ path: `${path}.note`, message: `expected text, got ${describe(note)}.` });
      ok = false;
    }
    if (!ok) return;
    const key = `${frameId as string}\u0000${kind as string}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ frameId: frameId as string, kind: kind as FlagAcknowledgement['kind'], ...(typeof note === 'string' && { note }) });
  });
  return out;
}

function parseReviews(value: unknown, issues: SettingsIssue[]): FrameReview[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.push({ path: 'reviews', message: `expected a list of { frameId, status, comment }, got ${describe(value)}.` });
    return [];
  }
  // One entry per frame: a later one for the same frame wins, as a later edit would. An entry with
  // neither status nor comment is a cleared review, kept so a sheet's status does not come back.
  const byFrame = new Map<string, FrameReview>();
  value.forEach((entry: unknown, i) => {
    const path = `reviews[${i}]`;
    if (!isRecord(entry)) {
      issues.push({ path, message: `expected { frameId, status, comment }, got ${describe(entry)}.` });
      return;
    }
    const { frameId, status, comment } = entry;
    let ok = true;
    if (typeof frameId !== 'string' || !frameId) {
      issues.push({ path: `${path}.frameId`, message: `expected the frame's id (its relative path), got ${describe(frameId)}.` });
      ok = false;
    }
    if (status !== undefined && status !== null && !isReviewStatus(status)) {
      issues.push({
        path: `${path}.status`,
        message: `${describe(status)} is not a review status. Statuses: ${REVIEW_STATUSES.join(', ')}, or null.`,
      });
      ok = false;
    }
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > REVIEW_COMMENT_MAX)) {
      issues.push({
        path: `${path}.comment`,
        message: `expected text of at most ${REVIEW_COMMENT_MAX} characters, got ${describe(comment)}.`,
      });
      ok = false;
    }
    if (!ok) return;
    const review = {
      frameId: frameId as string,
      status: (status as ReviewStatus | undefined) ?? null,
      comment: (comment as string | undefined) ?? '',
    };
    byFrame.delete(review.frameId);
    byFrame.set(review.frameId, review);
  });
  return [...byFrame.values()];
}

function parseChoice<T extends string>(key: string, value: unknown, choices: readonly T[], fallback: T, issues: SettingsIssue[]): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  issues.push({ path: key, message: `${describe(value)} is not one of: ${choices.join(', ')}.` });
  return fallback;
}

function parseSceneHeadings(value: unknown, issues: SettingsIssue[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    issues.push({
      path: 'sceneHeadings',
      message: `expected an object of scene id: heading number (from 0) or null, got ${describe(value)}.`,
    });
    return out;
  }
  for (const [sceneId, index] of Object.entries(value)) {
    if (index === null || (typeof index === 'number' && Number.isInteger(index) && index >= 0)) out[sceneId] = index;
    else
      issues.push({
        path: `sceneHeadings.${sceneId}`,
        message: `expected the heading's index (0 for the script's first heading) or null for none, got ${describe(index)}.`,
      });
  }
  return out;
}

/** `flagLevels: { "palette-drift": "off", ... }`: kept as overrides of the vocabulary's defaults. */
function parseFlagLevels(value: unknown, issues: SettingsIssue[]): Partial<Record<FlagKind, FlagLevel>> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    issues.push({ path: 'flagLevels', message: `expected an object of flag kind: "off", "info" or "warning", got ${describe(value)}.` });
    return {};
  }
  const out: Partial<Record<FlagKind, FlagLevel>> = {};
  for (const [kind, level] of Object.entries(value)) {
    const issue = checkFlagLevel(`flagLevels.${kind}`, kind, level);
    if (issue) issues.push(issue);
    else out[kind as FlagKind] = level as FlagLevel;
  }
  return flagLevelOverrides(out);
}

/**
 * Settings from an unknown JSON value (undefined or null: the defaults). Absent entries take
 * their defaults; unknown top-level keys are warnings (a newer Frameproof may have written
 * them); wrong values are errors, all of them listed.
 */
export function parseAnalysisSettings(json: unknown, options: { file?: string } = {}): SettingsParseResult {
  const settings = defaultAnalysisSettings();
  const issues: SettingsIssue[] = [];
  const warnings: SettingsIssue[] = [];
  if (json !== undefined && json !== null && !isRecord(json)) {
    issues.push({ path: '(top level)', message: `expected an object, got ${describe(json)}.` });
  } else if (isRecord(json)) {
    const { version } = json;
    if (version !== undefined && version !== SETTINGS_VERSION) {
      const newer = typeof version === 'number' && version > SETTINGS_VERSION;
      issues.push({
        path: 'version',
        message: newer
          ? `these settings were written by a newer Frameproof (version ${version}; this one reads ${SETTINGS_VERSION}).`
          : `expected ${SETTINGS_VERSION}, got ${describe(version)}.`,
      });
    }
    for (const key of Object.keys(json))
      if (!KEYS.includes(key)) warnings.push({ path: key, message: `unknown setting, ignored. Settings: ${KEYS.join(', ')}.` });
    settings.thresholds = parseThresholds(json.thresholds, issues);
    const { stylePrompt, styleReferences } = json;
    if (typeof stylePrompt === 'string') settings.stylePrompt = stylePrompt.trim() || null;
    else if (stylePrompt !== undefined && stylePrompt !== null)
      issues.push({ path: 'stylePrompt', message: `expected text or null, got ${describe(stylePrompt)}.` });
    if (Array.isArray(styleReferences)) {
      styleReferences.forEach((id: unknown, i) => {
        if (typeof id === 'string' && id) settings.styleReferences.push(id);
        else issues.push({ path: `styleReferences[${i}]`, message: `expected a frame id, got ${describe(id)}.` });
      });
      settings.styleReferences = [...new Set(settings.styleReferences)];
    } else if (styleReferences !== undefined && styleReferences !== null) {
      issues.push({ path: 'styleReferences', message: `expected a list of frame ids, got ${describe(styleReferences)}.` });
    }
    settings.acknowledgements = parseAcknowledgements(json.acknowledgements, issues);
    settings.cleanPromptSyntax = parseChoice('cleanPromptSyntax', json.cleanPromptSyntax, PROMPT_MODES, settings.cleanPromptSyntax, issues);
    settings.styleContent = parseChoice('styleContent', json.styleContent, STYLE_MODES, settings.styleContent, issues);
    settings.wideFrames = parseChoice('wideFrames', json.wideFrames, WIDE_MODES, settings.wideFrames, issues);
    settings.sceneHeadings = parseSceneHeadings(json.sceneHeadings, issues);
    settings.flagLevels = parseFlagLevels(json.flagLevels, issues);
    settings.reviews = parseReviews(json.reviews, issues);
  }
  if (issues.length === 0) return { ok: true, value: settings, warnings };
  const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
  return {
    ok: false,
    issues,
    error: {
      code: 'INVALID_CONFIG',
      message: `The analysis settings have ${count}: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`,
      ...(options.file && { file: options.file }),
      fix: 'Correct or remove these entries; a removed entry takes its default.',
    },
  };
}

export type ThresholdArgsResult =
  { ok: true; value: Partial<AnalysisThresholds> } | { ok: false; error: AppErrorData; issues: SettingsIssue[] };

/** CLI `--threshold NAME=VALUE` values (repeatable; a later one wins). */
export function parseThresholdArgs(args: readonly string[]): ThresholdArgsResult {
  const value: Partial<AnalysisThresholds> = {};
  const issues: SettingsIssue[] = [];
  for (const arg of args) {
    const path = `--threshold ${arg}`;
    const match = /^\s*([^=\s]+)\s*=\s*(\S.*?)\s*$/.exec(arg);
    if (!match) {
      issues.push({ path, message: 'expected NAME=VALUE, e.g. captionOutlierZ=3.' });
      continue;
    }
    const name = thresholdNameOf(match[1]!);
    if (!name) {
      issues.push({ path, message: unknownThresholdMessage(match[1]!) });
      continue;
    }
    const text = match[2]!;
    const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    const problem = checkThresholdValue(name, Number.isNaN(number) ? text : number);
    if (problem) issues.push({ path, message: problem });
    else value[name] = number;
  }
  if (issues.length === 0) return { ok: true, value };
  return {
    ok: false,
    issues,
    error: {
      code: 'INVALID_ARGUMENT',
      message: issues.map((i) => `${i.path}: ${i.message}`).join(' '),
      fix: `Use --threshold NAME=VALUE with one of: ${THRESHOLD_NAMES.join(', ')}.`,
    },
  };
}

/**
 * Threshold overrides from the app (the API's SettingsPatch): the same schema frameproof.json and
 * --threshold are held to, refused with every problem named, so nothing out of range is saved.
 */
export function assertThresholdPatch(thresholds: Partial<Record<string, unknown>>): void {
  const issues = checkThresholds(thresholds);
  if (issues.length === 0) return;
  throw new AppError('INVALID_ARGUMENT', `These settings were not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, {
    fix: 'Correct the values marked in Settings (or leave a field empty for its default), then apply again.',
  });
}

/** Adds an acknowledgement (a no-op when present); returns new settings. */
export function acknowledgeFlag(settings: AnalysisSettings, acknowledgement: FlagAcknowledgement): AnalysisSettings {
  const exists = settings.acknowledgements.some((a) => a.frameId === acknowledgement.frameId && a.kind === acknowledgement.kind);
  return exists ? settings : { ...settings, acknowledgements: [...settings.acknowledgements, acknowledgement] };
}

export function withdrawAcknowledgement(settings: AnalysisSettings, frameId: string, kind: FlagAcknowledgement['kind']): AnalysisSettings {
  return { ...settings, acknowledgements: settings.acknowledgements.filter((a) => !(a.frameId === frameId && a.kind === kind)) };
}

export type ReviewPatch = ReviewChange;

/** The settings with the patch applied to each frame's review. */
export function withReviews(settings: AnalysisSettings, frameIds: readonly string[], patch: ReviewPatch): AnalysisSettings {
  const byFrame = new Map(settings.reviews.map((r) => [r.frameId, r]));
  for (const frameId of new Set(frameIds)) {
    const before = byFrame.get(frameId) ?? { frameId, status: null, comment: '' };
    const after: FrameReview = {
      frameId,
      status: patch.status === undefined ? before.status : patch.status,
      comment: patch.comment === undefined ? before.comment : patch.comment.trim(),
    };
    // A cleared review stays as an entry: the board's word over a status its shots.csv still holds.
    byFrame.delete(frameId);
    byFrame.set(frameId, after);
  }
  return { ...settings, reviews: [...byFrame.values()] };
}
