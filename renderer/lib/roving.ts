// Roving tabindex: a group of items (the frame grid, the chart's points) is one Tab stop; the
// arrow keys move inside it. The item that takes Tab is the selected one, else the first.
export function tabStop(ids: readonly string[], selectedId: string | null): string | null {
  return selectedId !== null && ids.includes(selectedId) ? selectedId : (ids[0] ?? null);
}

/** The index a key moves to in a one-row group (the chart): arrows step, Home/End jump; null for other keys. */
export function stepIndex(index: number, key: string, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
