// Which threshold is in force: the project's setting, else the model's calibration from the
// catalog, else these generic defaults (ViT-B/32-like numbers, for a model without calibration).
import type { AnalysisThresholds, ScoreCalibration, ThresholdName } from '../../common/api.ts';
import { isThresholdName, THRESHOLD_RULES, type NumberRule } from '../../common/settingsSchema.ts';

/**
 * Generic defaults. On ViT-B/32 matched caption pairs score 0.28-0.35 and unrelated ones
 * 0.15-0.22, so 0.22 flags a caption that scores like an unrelated one; the relative test
 * (2.5 robust deviations) catches the rest. Margins of 0.03 are 3 logits at CLIP's scale of 100,
 * a 95% preference in CLIP's own softmax; that floor is in ViT-B/32's units, so the decision rests
 * on the lead in the board's own units: how far the best other caption's lead over the frame's
 * own stands out from the leads of every frame (robust z, 3), which holds for any model's scale. Image-to-image measures (style, continuity) vary more
 * from shot to shot than caption scores (a close-up after a wide shot), so their z-scores are
 * stricter: 4, and 3.5 for the style prompt. Checked on the labelled set of `npm run eval`: the
 * planted outliers sit at z 6 and beyond, chance flags on clean boards come from these tails.
 * The zero-shot checks flag a frame whose look beats its stated label by half the board's typical
 * spread between labels (a ratio, so it holds at any model's cosine scale). A caption part 0.06
 * below the caption's best part is two mismatch margins down: weak.
 */
export const GENERIC_THRESHOLDS: Readonly<AnalysisThresholds> = Object.freeze({
  captionDriftCosine: 0.22,
  captionOutlierZ: 2.5,
  mismatchMarginCosine: 0.03,
  mismatchMarginZ: 3,
  styleDriftCosine: 0.55,
  styleOutlierZ: 4,
  stylePromptOutlierZ: 3.5,
  paletteOutlierZ: 3,
  paletteMinDistance: 10,
  continuityOutlierZ: 4,
  offCenterMarginCosine: 0.03,
  lookMarginRatio: 0.5,
  partWeakMarginCosine: 0.06,
});

export const THRESHOLD_NAMES = Object.keys(GENERIC_THRESHOLDS) as ThresholdName[];

/** What each threshold may be: the shared settings schema (common/settingsSchema.ts) is the one home. */
export const THRESHOLD_RANGES: Readonly<Record<ThresholdName, NumberRule>> = THRESHOLD_RULES;

export { isThresholdName };

export function effectiveThresholds(calibration: ScoreCalibration | null, overrides: Partial<AnalysisThresholds>): AnalysisThresholds {
  const fromModel: Partial<AnalysisThresholds> = calibration
    ? {
        captionDriftCosine: calibration.captionDriftCosine,
        captionOutlierZ: calibration.captionOutlierZ,
        styleDriftCosine: calibration.styleDriftCosine,
        mismatchMarginCosine: calibration.mismatchMarginCosine,
      }
    : {};
  const out = { ...GENERIC_THRESHOLDS };
  for (const name of THRESHOLD_NAMES) out[name] = overrides[name] ?? fromModel[name] ?? GENERIC_THRESHOLDS[name];
  return out;
}
