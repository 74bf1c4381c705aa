// The Settings form's rules, from the shared schema (common/settingsSchema.ts): which fields are
// refused and why (shown inline, Apply stays off), the patch Apply sends, and what "Reset to
// defaults" puts back. Board settings (frameproof.json) and the app's own (provider, threads) are
// kept apart: they are saved in different places and apply to different things.
import type {
  EngineSettingsPatch,
  FlagKind,
  FlagLevel,
  ProviderChoice,
  SettingsPatch,
  ThresholdName,
  WideFrameScoring,
} from '../../electron/common/api.ts';
import { defaultFlagLevels, flagLevelOverrides } from '../../electron/common/flagLevels.ts';
import {
  APP_SETTING_RULES,
  BOARD_CHOICE_DEFAULTS,
  checkNumber,
  EDITABLE_THRESHOLDS,
  THRESHOLD_RULES,
} from '../../electron/common/settingsSchema.ts';

/** A number box's value: empty is null or undefined (the default applies). */
export type NumberField = number | null | undefined;

export interface BoardForm {
  stylePrompt: string;
  wideFrames: WideFrameScoring;
  thresholds: Partial<Record<ThresholdName, NumberField>>;
  /** Every kind's level, in full (the table shows them all). */
  flagLevels: Record<FlagKind, FlagLevel>;
}

export interface AppForm {
  provider: ProviderChoice;
  threads: NumberField;
}

const isEmpty = (value: NumberField): value is null | undefined => value === null || value === undefined;

/** Why each filled-in threshold is refused, by name; empty fields are fine (the model's default). */
export function thresholdErrors(form: BoardForm): Partial<Record<ThresholdName, string>> {
  const errors: Partial<Record<ThresholdName, string>> = {};
  for (const name of EDITABLE_THRESHOLDS) {
    const value = form.thresholds[name];
    if (isEmpty(value)) continue;
    const problem = checkNumber(THRESHOLD_RULES[name], value);
    if (problem) errors[name] = problem;
  }
  return errors;
}

export function threadsError(form: AppForm): string | null {
  return isEmpty(form.threads) ? null : checkNumber(APP_SETTING_RULES.threads, form.threads);
}

export function formIsValid(board: BoardForm, app: AppForm): boolean {
  return Object.keys(thresholdErrors(board)).length === 0 && threadsError(app) === null;
}

/** What Apply sends for the board. Thresholds not shown in the form are kept as frameproof.json has them. */
export function boardPatch(form: BoardForm, saved: Partial<Record<ThresholdName, number>>): SettingsPatch {
  const thresholds: Partial<Record<ThresholdName, number>> = {};
  for (const [name, value] of Object.entries(saved) as [ThresholdName, number][])
    if (!EDITABLE_THRESHOLDS.includes(name)) thresholds[name] = value;
  for (const name of EDITABLE_THRESHOLDS) {
    const value = form.thresholds[name];
    if (!isEmpty(value)) thresholds[name] = value;
  }
  return {
    thresholds,
    stylePrompt: form.stylePrompt.trim() || null,
    wideFrames: form.wideFrames,
    flagLevels: flagLevelOverrides(form.flagLevels),
  };
}

/** The app settings that changed, or null when none did (switching provider restarts the engine). */
export function appPatch(form: AppForm, current: { provider: ProviderChoice; threads: number | null }): EngineSettingsPatch | null {
  const threads = isEmpty(form.threads) ? null : form.threads;
  if (form.provider === current.provider && threads === current.threads) return null;
  return { provider: form.provider, threads };
}

export function defaultBoardForm(): BoardForm {
  return { stylePrompt: '', wideFrames: BOARD_CHOICE_DEFAULTS.wideFrames, thresholds: {}, flagLevels: defaultFlagLevels() };
}

export function defaultAppForm(): AppForm {
  return { provider: 'auto', threads: null };
}
