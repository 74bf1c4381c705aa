import { describe, expect, it } from 'vitest';
import { defaultFlagLevels } from '../../electron/common/flagLevels.ts';
import { appPatch, boardPatch, defaultBoardForm, formIsValid, thresholdErrors, threadsError, type BoardForm } from './settingsForm.ts';

const form = (thresholds: BoardForm['thresholds']): BoardForm => ({ ...defaultBoardForm(), thresholds });

describe('the Settings form', () => {
  it('refuses "lowest acceptable score" = 5 and a negative z inline, with the schema\'s words', () => {
    expect(thresholdErrors(form({ captionDriftCosine: 5, captionOutlierZ: -1, styleOutlierZ: 4, paletteMinDistance: null }))).toEqual({
      captionDriftCosine: '5 is out of range: expected -1 to 1 (cosine).',
      captionOutlierZ: '-1 is out of range: expected 0 to 100 (robust standard deviations).',
    });
    expect(formIsValid(form({ captionDriftCosine: 5 }), { provider: 'auto', threads: null })).toBe(false);
    expect(formIsValid(form({ captionDriftCosine: 0.3 }), { provider: 'auto', threads: 4 })).toBe(true);
    expect(threadsError({ provider: 'cpu', threads: 0 })).toBe('0 is out of range: expected 1 to 256 (threads).');
  });

  it('sends filled-in thresholds, keeps the ones the form does not show, and leaves empty ones to the default', () => {
    const patch = boardPatch(
      {
        stylePrompt: '  pencil  ',
        wideFrames: 'crops',
        thresholds: { captionDriftCosine: 0.3, captionOutlierZ: undefined },
        flagLevels: { ...defaultFlagLevels(), 'palette-drift': 'off', 'caption-truncated': 'info' },
      },
      { captionOutlierZ: 3, offCenterMarginCosine: 0.05 },
    );
    expect(patch).toEqual({
      thresholds: { offCenterMarginCosine: 0.05, captionDriftCosine: 0.3 },
      stylePrompt: 'pencil',
      wideFrames: 'crops',
      // Only what differs from the defaults goes to frameproof.json.
      flagLevels: { 'palette-drift': 'off' },
    });
  });

  it('changes the app settings only when they changed', () => {
    expect(appPatch({ provider: 'auto', threads: null }, { provider: 'auto', threads: null })).toBeNull();
    expect(appPatch({ provider: 'cpu', threads: 2 }, { provider: 'auto', threads: null })).toEqual({ provider: 'cpu', threads: 2 });
  });
});
