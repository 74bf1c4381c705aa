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

/**
 * The minus sign in text a person reads (sentences, tables, reports, the PDF): U+2212, the width
 * of "+" and never broken from its digits, as the details lines have always printed it. Files for
 * programs (CSV number cells, JSON numbers, --json) keep JavaScript's "-" so they parse back.
 */
export const MINUS = '\u2212';

/**
 * A number as a person reads it: `digits` decimals, U+2212 for a negative, and no "−0.000" for a
 * value that rounds to zero (toFixed keeps the sign of -0.0001).
 */
export function formatNumber(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A signed number as a person reads it: "+1.2", "−2.4", "0.0". */
export function formatSigned(value: number, digits: number): string {
  const text = formatNumber(value, digits);
  return value > 0 && Number(Math.abs(value).toFixed(digits)) !== 0 ? `+${text}` : text;
}
