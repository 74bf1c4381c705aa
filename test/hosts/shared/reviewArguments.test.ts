// The new calls' arguments as the page may send them: the bulk review and acknowledge calls, the
// caption fixes and the export choices are held to their schemas before the engine sees them.
import { describe, expect, it } from 'vitest';
import { checkArguments } from '../../../electron/hosts/shared/handlers.ts';

describe('argument checks of the review, fix and export calls', () => {
  it('takes a status or a comment for a list of frames, and refuses what is not one', () => {
    expect(checkArguments('setReview', [['a.png', 'b.png'], { status: 'redo', comment: 'darker' }]).ok).toBe(true);
    expect(checkArguments('setReview', [['a.png'], { status: null }]).ok).toBe(true);
    const bad = checkArguments('setReview', [[], { status: 'done', extra: 1 }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^Bad arguments for setReview: /);
    expect(checkArguments('setReview', [['a.png'], { comment: 'x'.repeat(2001) }]).ok).toBe(false);
  });

  it('takes a list of frame and flag pairs to acknowledge', () => {
    expect(checkArguments('acknowledgeFlags', [[{ frameId: 'a.png', kind: 'style-drift' }], true]).ok).toBe(true);
    expect(checkArguments('acknowledgeFlags', [[{ frameId: 'a.png', kind: 'ugly' }], true]).ok).toBe(false);
  });

  it('takes two frames to swap, one or two to take a caption', () => {
    expect(checkArguments('swapCaptions', ['a.png', 'b.png']).ok).toBe(true);
    expect(checkArguments('swapCaptions', ['a.png']).ok).toBe(false);
    expect(checkArguments('takeCaption', ['a.png']).ok).toBe(true);
    expect(checkArguments('takeCaption', ['a.png', 'b.png']).ok).toBe(true);
  });

  it('takes PDF layout choices with the export, and refuses a layout there is none of', () => {
    expect(checkArguments('exportBoard', ['csv']).ok).toBe(true);
    const choices = { pdf: { framesPerPage: 9, fields: ['caption', 'column:Lens'], noteLines: 3, flaggedOnly: true, titlePage: false } };
    expect(checkArguments('exportBoard', ['pdf', choices])).toEqual({ ok: true, value: ['pdf', choices] });
    expect(checkArguments('exportBoard', ['pdf', { pdf: { framesPerPage: 5 } }]).ok).toBe(false);
    expect(checkArguments('exportBoard', ['pdf', { pdf: { fields: ['thumbnail'] } }]).ok).toBe(false);
    expect(checkArguments('exportBoard', ['pdf', { pdf: { noteLines: 40 } }]).ok).toBe(false);
  });
});
