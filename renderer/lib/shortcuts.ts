// The keyboard shortcuts: one table that the board's key handler and the "?" sheet both read.
export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['←', '→', '↑', '↓'], does: 'Move between frames (the grid is one Tab stop)' },
  { keys: ['Home', 'End'], does: 'First or last frame' },
  { keys: ['Enter'], does: 'Open the selected frame' },
  { keys: ['Ctrl', 'click'], does: 'Add a frame to the selection, or take it out (Cmd+click on a Mac)' },
  { keys: ['Shift', 'click'], does: 'Select the frames from the last one clicked to this one' },
  { keys: ['Ctrl', 'A'], does: 'Select every frame shown, for the selection bar (Cmd+A on a Mac)' },
  { keys: ['F2'], does: 'In the table: edit the caption of the selected row (Enter saves, Esc reverts)' },
  { keys: ['Esc'], does: 'Close the open panel or dialog; else clear the selection' },
  { keys: ['/'], does: 'Filter frames by shot, file or caption' },
  { keys: ['←', '→'], does: 'In the chart: move between points; Enter opens the frame' },
  { keys: ['?'], does: 'Show this list' },
];

/** Keys the board leaves to a text field, a select or a dialog. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return (
    element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable === true
  );
}
