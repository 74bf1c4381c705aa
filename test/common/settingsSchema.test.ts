// The one settings schema: the same value is refused with the same words by the app, the engine
// and the CLI.
import { describe, expect, it } from 'vitest';
import {
  APP_SETTING_RULES,
  checkNumber,
  checkThresholds,
  EDITABLE_THRESHOLDS,
  THRESHOLD_RULES,
} from '../../electron/common/settingsSchema.ts';
import { parseAnalysisSettings, parseThresholdArgs } from '../../electron/engine/analysis/index.ts';

describe('the settings schema', () => {
  it('refuses a cosine of 5 and a negative z, and accepts the edges of each range', () => {
    expect(checkNumber(THRESHOLD_RULES.captionDriftCosine, 5)).toBe('5 is out of range: expected -1 to 1 (cosine).');
    expect(checkNumber(THRESHOLD_RULES.captionOutlierZ, -0.5)).toBe(
      '-0.5 is out of range: expected 0 to 100 (robust standard deviations).',
    );
    expect(checkNumber(THRESHOLD_RULES.captionDriftCosine, -1)).toBeNull();
    expect(checkNumber(THRESHOLD_RULES.captionDriftCosine, 1)).toBeNull();
    expect(checkNumber(THRESHOLD_RULES.captionOutlierZ, Number.NaN)).toBe('expected a number (robust standard deviations), got NaN.');
    expect(checkNumber(APP_SETTING_RULES.threads, 2.5)).toBe('expected a whole number (threads), got 2.5.');
    expect(checkNumber(APP_SETTING_RULES.threads, 0)).toBe('0 is out of range: expected 1 to 256 (threads).');
  });

  it('lists every problem of a set of thresholds, unknown names too', () => {
    expect(checkThresholds({ captionDriftCosine: 5, styleOutlierZ: 4, colourDrift: 1, paletteMinDistance: undefined })).toEqual([
      { path: 'thresholds.captionDriftCosine', message: '5 is out of range: expected -1 to 1 (cosine).' },
      { path: 'thresholds.colourDrift', message: 'there is no threshold named "colourDrift".' },
    ]);
  });

  it('is the rule frameproof.json and --threshold are read with', () => {
    const message = checkNumber(THRESHOLD_RULES.captionDriftCosine, 5);
    const file = parseAnalysisSettings({ thresholds: { captionDriftCosine: 5 } });
    expect(file.ok ? [] : file.issues.map((i) => i.message)).toEqual([message]);
    const cli = parseThresholdArgs(['captionDriftCosine=5']);
    expect(cli.ok ? [] : cli.issues.map((i) => i.message)).toEqual([message]);
  });

  it('labels every threshold Settings shows', () => {
    for (const name of EDITABLE_THRESHOLDS) expect(THRESHOLD_RULES[name].label).not.toBe('');
  });
});
