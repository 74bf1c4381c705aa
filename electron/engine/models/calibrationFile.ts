// A model folder's own score scale: frameproof-calibration.json beside an imported or test model,
// for models the catalog does not know (the toy model, a fine-tune). Read when the model is
// resolved; a file with problems is refused with every problem named, never half-used.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScoreCalibration } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';

export const CALIBRATION_FILE = 'frameproof-calibration.json';

const NUMBER_FIELDS = {
  captionDriftCosine: { min: -1, max: 1, required: true },
  captionOutlierZ: { min: 0, max: 100, required: true },
  styleDriftCosine: { min: -1, max: 1, required: true },
  mismatchMarginCosine: { min: 0, max: 2, required: true },
  goodCosine: { min: -1, max: 1, required: false },
} as const;

/** The calibration in `dir`'s frameproof-calibration.json; null when the folder has none. */
export async function readCalibrationFile(dir: string): Promise<ScoreCalibration | null> {
  const file = join(dir, CALIBRATION_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('FILE_UNREADABLE', `The model's calibration file could not be read: ${(error as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_CONFIG', `The model's calibration file is not valid JSON: ${(error as Error).message}`, {
      file,
      fix: `Correct it, or remove it to read scores against each board's own spread (the fields are described in electron/engine/models/README.md).`,
    });
  }
  return parseCalibrationFile(json, file);
}

export function parseCalibrationFile(json: unknown, file: string): ScoreCalibration {
  const issues: string[] = [];
  const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!o) issues.push('expected an object');
  const value = (key: keyof typeof NUMBER_FIELDS): number | undefined => {
    const rule = NUMBER_FIELDS[key];
    const v = o?.[key];
    if (v === undefined && !rule.required) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < rule.min || v > rule.max) {
      issues.push(`${key}: expected a number from ${rule.min} to ${rule.max}, got ${JSON.stringify(v) ?? 'nothing'}`);
      return undefined;
    }
    return v;
  };
  const numbers = Object.fromEntries((Object.keys(NUMBER_FIELDS) as (keyof typeof NUMBER_FIELDS)[]).map((k) => [k, value(k)]));
  const status = o?.status ?? 'measured';
  if (status !== 'measured' && status !== 'provisional')
    issues.push(`status: expected "measured" or "provisional", got ${JSON.stringify(status)}`);
  if (o && o.note !== undefined && typeof o.note !== 'string') issues.push('note: expected text');
  if (issues.length > 0)
    throw new AppError(
      'INVALID_CONFIG',
      `The model's calibration file has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}: ${issues.join('; ')}.`,
      {
        file,
        fix: "Correct these fields (see electron/engine/models/README.md), or remove the file to read scores against each board's own spread.",
      },
    );
  return {
    captionDriftCosine: numbers.captionDriftCosine!,
    captionOutlierZ: numbers.captionOutlierZ!,
    styleDriftCosine: numbers.styleDriftCosine!,
    mismatchMarginCosine: numbers.mismatchMarginCosine!,
    ...(numbers.goodCosine !== undefined && { goodCosine: numbers.goodCosine }),
    status: status as ScoreCalibration['status'],
    note: typeof o!.note === 'string' ? o!.note : '',
    source: `${CALIBRATION_FILE} beside the model`,
  };
}
