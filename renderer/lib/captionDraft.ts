// A caption draft in the frame detail, as the editors people trust keep one (Google Docs, Figma,
// ShotGrid's inline edits): nothing typed waits on a Save click. The draft commits when the text
// box loses focus and when the person moves on (another card, an arrow key, closing the panel);
// Esc in the box takes the draft back to the saved caption and nothing else. Autosave rather than
// an "unsaved changes" prompt: a prompt interrupts every navigation, and undo (one history for the
// board) makes a committed edit cheap to take back. Plain logic; the component holds the text.

export type EscapeAction = 'revert' | 'pass';

export class CaptionDraft {
  /** The caption as the board has it now. */
  private saved: string;
  /** The text last handed to the engine, so blur then leaving does not save it twice. */
  private committed: string | null = null;

  constructor(
    readonly frameId: string,
    saved: string | null,
  ) {
    this.saved = saved ?? '';
  }

  get savedText(): string {
    return this.saved;
  }

  isDirty(text: string): boolean {
    return text !== this.saved;
  }

  /**
   * The board's caption changed (our own save came back, or the file changed on disk). Returns the
   * text the box should show: the new caption when the person had no edit of their own pending.
   */
  savedChanged(saved: string | null, text: string): string {
    const wasClean = !this.isDirty(text);
    this.saved = saved ?? '';
    if (this.committed === this.saved) this.committed = null;
    return wasClean ? this.saved : text;
  }

  /** The text to save now, or null when there is nothing new to save. */
  commit(text: string): string | null {
    if (!this.isDirty(text) || text === this.committed) return null;
    this.committed = text;
    return text;
  }

  /** The save failed: the draft stays, and the next commit tries again. */
  failed(text: string): void {
    if (this.committed === text) this.committed = null;
  }

  /** Esc in the box: a draft goes back to the saved caption (and Esc stops there); a clean box lets Esc close the panel. */
  escape(text: string): EscapeAction {
    return this.isDirty(text) ? 'revert' : 'pass';
  }
}
