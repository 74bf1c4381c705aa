// Sizes as people read them, the same in the engine's messages, the CLI and the app. No imports:
// the sandboxed renderer uses it too.

/** "1.2 GB", "345 MB", "12.5 kB": decimal units, as download sizes are shown on Hugging Face. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return 'unknown size';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "123" or "more than 10,000": a caption's token count, which stops counting at a limit. */
export function formatTokenCount(count: number, countLimited = false): string {
  return countLimited ? `more than ${count.toLocaleString('en-US')}` : String(count);
}
