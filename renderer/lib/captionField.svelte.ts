// One caption text box's state, for the detail's editor and the table's cell alike: the same draft
// rules (lib/captionDraft.ts), the same save (app.setCaption, the one write-back) and the same
// per-frame undo. Construct it in a component keyed by frame: leaving the frame is its teardown,
// and the teardown saves the draft.
import { app } from './state/app.svelte.ts';
import { CaptionDraft } from './captionDraft.ts';
import { frameUndo } from './history.ts';
import type { FrameCardData } from './boardModel.ts';

export class CaptionField {
  #text = $state('');
  /**
   * The text as last set, outside the reactive graph: the teardown that saves on leaving reads
   * state as it was before the change that tore it down, so an Esc that reverts and closes in one
   * step would otherwise save the draft it just took back.
   */
  private latest = '';
  saving = $state(false);
  readonly draft: CaptionDraft;

  constructor(private readonly card: () => FrameCardData) {
    // Keyed by frame: the first caption is the one to start from; later ones arrive through savedChanged.
    const initial = card();
    this.draft = new CaptionDraft(initial.id, initial.caption);
    this.text = this.draft.savedText;
    $effect(() => {
      const saved = this.card().caption;
      this.text = this.draft.savedChanged(saved, this.text);
    });
    // Leaving the frame (another card, an arrow key, Close, Esc on a clean box) saves the draft.
    $effect(() => () => void this.commit());
  }

  get text(): string {
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
    this.latest = value;
  }

  get dirty(): boolean {
    return this.text !== (this.card().caption ?? '') && this.draft.isDirty(this.text);
  }

  /** The frame's own last edit, which its Undo takes back. */
  get ownUndo(): { label: string } | undefined {
    return frameUndo(app.history, this.draft.frameId);
  }

  async commit(): Promise<void> {
    const pending = this.draft.commit(this.latest);
    if (pending === null) return;
    this.saving = true;
    const ok = await app.setCaption(this.draft.frameId, pending);
    if (!ok) this.draft.failed(pending);
    this.saving = false;
  }

  /** Esc in the box: true when it took a draft back (the key stops there), false on a clean box. */
  escape(): boolean {
    if (this.draft.escape(this.text) !== 'revert') return false;
    this.text = this.draft.savedText;
    return true;
  }

  undo(): Promise<void> {
    return app.undo(this.draft.frameId);
  }

  get status(): string {
    return this.saving ? 'Saving…' : this.dirty ? 'Saved when you leave the box · Esc reverts' : 'Saved';
  }
}
