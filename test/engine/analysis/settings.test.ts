import { describe, expect, it } from 'vitest';
import type { ScoreCalibration } from '../../../electron/common/api.ts';
import {
  acknowledgeFlag,
  defaultAnalysisSettings,
  effectiveThresholds,
  GENERIC_THRESHOLDS,
  parseAnalysisSettings,
  parseThresholdArgs,
  withdrawAcknowledgement,
} from '../../../electron/engine/analysis/index.ts';

describe('analysis settings from JSON', () => {
  it('undefined, null and {} are the defaults', () => {
    for (const blob of [undefined, null, {}]) {
      const result = parseAnalysisSettings(blob);
      expect(result).toEqual({ ok: true, value: defaultAnalysisSettings(), warnings: [] });
    }
    expect(defaultAnalysisSettings().cleanPromptSyntax).toBe('image-metadata');
  });

  it('reads every setting', () => {
    const result = parseAnalysisSettings({
      version: 1,
      thresholds: { captionDriftCosine: 0.2, 'caption-outlier-z': 3 },
      stylePrompt: '  graphite pencil sketch, muted colors ',
      styleReferences: ['a.png', 'b.png', 'a.png'],
      acknowledgements: [
        { frameId: 'a.png', kind: 'style-drift', note: 'flashback' },
        { frameId: 'a.png', kind: 'style-drift' },
      ],
      cleanPromptSyntax: 'always',
      styleContent: 'remove-caption',
      wideFrames: 'crops',
      sceneHeadings: { 'storyboards/Scene-1': 0, '.': null },
      flagLevels: { 'palette-drift': 'off', 'caption-drift': 'info', continuity: 'warning' },
      reviews: [
        { frameId: 'a.png', status: 'redo', comment: 'darker' },
        { frameId: 'b.png', status: 'approved' },
        { frameId: 'a.png', status: 'needs-changes', comment: 'darker still' },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      version: 1,
      thresholds: { captionDriftCosine: 0.2, captionOutlierZ: 3 },
      stylePrompt: 'graphite pencil sketch, muted colors',
      styleReferences: ['a.png', 'b.png'],
      acknowledgements: [{ frameId: 'a.png', kind: 'style-drift', note: 'flashback' }],
      cleanPromptSyntax: 'always',
      styleContent: 'remove-caption',
      wideFrames: 'crops',
      sceneHeadings: { 'storyboards/Scene-1': 0, '.': null },
      // Kept as overrides of the defaults: continuity warns anyway.
      flagLevels: { 'palette-drift': 'off', 'caption-drift': 'info' },
      // One review per frame, the later entry winning.
      reviews: [
        { frameId: 'b.png', status: 'approved', comment: '' },
        { frameId: 'a.png', status: 'needs-changes', comment: 'darker still' },
      ],
    });
  });

  it('refuses unknown kinds and levels in flagLevels, suggesting the closest', () => {
    const result = parseAnalysisSettings({ flagLevels: { 'palete-drift': 'off', 'caption-drift': 'loud', continuity: 'warn' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: 'flagLevels.palete-drift',
        message: expect.stringMatching(/^"palete-drift" is not a flag kind\. Did you mean palette-drift\?/),
      },
      { path: 'flagLevels.caption-drift', message: '"loud" is not a level. Levels: off, info, warning.' },
      { path: 'flagLevels.continuity', message: '"warn" is not a level. Did you mean warning? Levels: off, info, warning.' },
    ]);
    const notObject = parseAnalysisSettings({ flagLevels: ['off'] });
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.error.message).toMatch(/flagLevels: expected an object of flag kind/);
  });

  it('names a review that is not one, with the statuses there are', () => {
    const result = parseAnalysisSettings({ reviews: [{ frameId: 'a.png', status: 'done' }, { status: 'redo' }, 'x'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['reviews[0].status', 'reviews[1].frameId', 'reviews[2]']);
    expect(result.issues[0]!.message).toMatch(/"done" is not a review status\. Statuses: approved, needs-changes, redo, or null\./);
  });

  it('reports every problem at once, each with its path', () => {
    const result = parseAnalysisSettings(
      {
        thresholds: { captionDriftCosin: 0.2, captionOutlierZ: 'high', mismatchMarginCosine: 5 },
        stylePrompt: 42,
        styleReferences: ['ok.png', ''],
        acknowledgements: [{ frameId: 'a.png', kind: 'style' }, 'b.png'],
        wideFrames: 'all',
      },
      { file: 'project.json' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([
      'thresholds.captionDriftCosin',
      'thresholds.captionOutlierZ',
      'thresholds.mismatchMarginCosine',
      'stylePrompt',
      'styleReferences[1]',
      'acknowledgements[0].kind',
      'acknowledgements[1]',
      'wideFrames',
    ]);
    expect(result.issues[0]!.message).toContain('Did you mean captionDriftCosine?');
    expect(result.issues[1]!.message).toBe('expected a number (robust standard deviations), got "high".');
    expect(result.issues[2]!.message).toBe('5 is out of range: expected 0 to 2 (cosine).');
    expect(result.issues[5]!.message).toContain('is not a flag kind');
    expect(result.error).toMatchObject({ code: 'INVALID_CONFIG', file: 'project.json' });
    expect(result.error.message).toMatch(/^The analysis settings have 8 problems: thresholds\.captionDriftCosin: /);
    expect(result.error.fix).toBeTruthy();
  });

  it('refuses settings from a newer Frameproof and a non-object', () => {
    const newer = parseAnalysisSettings({ version: 2 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.issues[0]!.message).toContain('newer Frameproof');
    const list = parseAnalysisSettings([1, 2]);
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.issues[0]).toEqual({ path: '(top level)', message: 'expected an object, got a list.' });
  });

  it('unknown top-level keys are warnings, not errors', () => {
    const result = parseAnalysisSettings({ exportFolder: 'out' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.path)).toEqual(['exportFolder']);
  });
});

describe('--threshold NAME=VALUE', () => {
  it('parses names in any of three spellings; a later value wins', () => {
    expect(parseThresholdArgs(['captionOutlierZ=3', 'style-outlier-z=4.5', 'palette_min_distance = 12', 'captionOutlierZ=2'])).toEqual({
      ok: true,
      value: { captionOutlierZ: 2, styleOutlierZ: 4.5, paletteMinDistance: 12 },
    });
  });

  it('lists every bad argument with what to do', () => {
    const result = parseThresholdArgs([
      'captionOutlierZ',
      'colourDrift=3',
      'captionDriftCosine=abc',
      'captionDriftCosine=1.5',
      'continuityOutlierZ=0x10',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message)).toEqual([
      'expected NAME=VALUE, e.g. captionOutlierZ=3.',
      expect.stringContaining('There is no threshold named "colourDrift".'),
      'expected a number (cosine), got "abc".',
      '1.5 is out of range: expected -1 to 1 (cosine).',
      'expected a number (robust standard deviations), got "0x10".',
    ]);
    expect(result.error.fix).toContain('captionDriftCosine');
  });
});

describe('thresholds in force', () => {
  const calibration: ScoreCalibration = {
    captionDriftCosine: 0.19,
    captionOutlierZ: 3,
    styleDriftCosine: 0.6,
    mismatchMarginCosine: 0.02,
    status: 'measured',
    note: '',
  };

  it('project settings over the model calibration over the generic defaults', () => {
    const thresholds = effectiveThresholds(calibration, { captionOutlierZ: 2 });
    expect(thresholds.captionOutlierZ).toBe(2);
    expect(thresholds.captionDriftCosine).toBe(0.19);
    expect(thresholds.mismatchMarginCosine).toBe(0.02);
    expect(thresholds.paletteMinDistance).toBe(GENERIC_THRESHOLDS.paletteMinDistance);
    expect(effectiveThresholds(null, {})).toEqual(GENERIC_THRESHOLDS);
  });
});

describe('acknowledgements', () => {
  it('adds once and withdraws', () => {
    const base = defaultAnalysisSettings();
    const once = acknowledgeFlag(base, { frameId: 'a.png', kind: 'palette-drift' });
    expect(acknowledgeFlag(once, { frameId: 'a.png', kind: 'palette-drift' })).toBe(once);
    expect(once.acknowledgements).toHaveLength(1);
    expect(base.acknowledgements).toHaveLength(0);
    expect(withdrawAcknowledgement(once, 'a.png', 'palette-drift').acknowledgements).toEqual([]);
  });
});
