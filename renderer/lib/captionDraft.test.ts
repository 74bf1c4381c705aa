import { describe, expect, it } from 'vitest';
import { CaptionDraft } from './captionDraft.ts';

describe('CaptionDraft', () => {
  it('commits a changed draft once, however many times the person leaves the box', () => {
    const draft = new CaptionDraft('1C', 'old');
    expect(draft.commit('old')).toBeNull();
    expect(draft.commit('new')).toBe('new');
    expect(draft.commit('new')).toBeNull(); // blur, then closing the panel
    expect(draft.commit('newer')).toBe('newer');
  });

  it('retries a commit that failed', () => {
    const draft = new CaptionDraft('1C', 'old');
    expect(draft.commit('new')).toBe('new');
    draft.failed('new');
    expect(draft.commit('new')).toBe('new');
  });

  it("follows the board's caption while clean, and keeps a pending edit when the caption changes underneath", () => {
    const draft = new CaptionDraft('1C', null);
    expect(draft.savedChanged('from disk', '')).toBe('from disk');
    expect(draft.savedChanged('again from disk', 'typing')).toBe('typing');
    expect(draft.isDirty('typing')).toBe(true);
    // Our own save comes back: the box is clean again.
    expect(draft.commit('typing')).toBe('typing');
    expect(draft.savedChanged('typing', 'typing')).toBe('typing');
    expect(draft.isDirty('typing')).toBe(false);
  });

  it('Esc reverts a draft, and passes on a clean box', () => {
    const draft = new CaptionDraft('1C', 'saved');
    expect(draft.escape('saved and more')).toBe('revert');
    expect(draft.escape('saved')).toBe('pass');
    expect(draft.savedText).toBe('saved');
  });
});
