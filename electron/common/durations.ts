// Shot durations as shot lists write them, read into seconds for running times (the shot table,
// the PDF's title page): one rule for the renderer and the engine.
// A column holds one of three forms (StudioBinder and ShotGrid sheets, Storyboarder's worksheets):
// seconds ("3", "2.5s", "1m 30s"), frames at the board's fps ("48f", or plain numbers in a column
// named for frames), or timecode ("00:00:02:12" HH:MM:SS:FF, "0:02" M:SS, "1:02:03" H:MM:SS).

export type DurationUnit = 'seconds' | 'frames';

export interface DurationColumn {
  name: string;
  /** How a bare number in this column reads: frames in a "Frames" or "Duration (f)" column, else seconds. */
  bareUnit: DurationUnit;
}

export interface ParsedDuration {
  seconds: number;
  /** Frames or timecode with a frames field: the reading depends on the fps. */
  usesFps: boolean;
}

export const DEFAULT_FPS = 24;

// "Time of day" and "Timecode in" are not durations; "Duration", "Length", "Frames (f)" are.
const DURATION_NAME =
  /^(duration|dur|length|running time|run time|runtime|timing|time|secs?|seconds|frames|frame count|no\.? of frames|# ?frames)$/;
const FRAMES_NAME = /frame|^(f|fr)$/;

/** The column name without a unit in brackets, and the unit it names: "Duration (frames)" → ["duration", "frames"]. */
function splitUnit(name: string): [string, string] {
  const match = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(name.trim().toLowerCase());
  return match ? [match[1]!.trim(), match[2]!.trim()] : [name.trim().toLowerCase(), ''];
}

/** Whether the column's name says it holds durations, and how a bare number in it reads; null when it does not. */
export function durationColumnKind(name: string): DurationUnit | null {
  const [base, unit] = splitUnit(name);
  if (!DURATION_NAME.test(base)) return null;
  // Any other unit ("s", "sec", "tc", "hh:mm:ss") reads a bare number as seconds; timecode reads itself.
  return FRAMES_NAME.test(unit) || FRAMES_NAME.test(base) ? 'frames' : 'seconds';
}

/**
 * The first column named for durations whose values mostly read as one (a "TBD" here and there is
 * fine; a "Time" column of "dawn", "noon" is not a duration column). Null when there is none.
 */
export function findDurationColumn(columns: readonly string[], valuesOf: (column: string) => readonly string[]): DurationColumn | null {
  for (const name of columns) {
    const bareUnit = durationColumnKind(name);
    if (!bareUnit) continue;
    const values = valuesOf(name).filter((v) => v.trim() !== '');
    const read = values.filter((v) => parseDuration(v, DEFAULT_FPS, bareUnit) !== null).length;
    if (values.length > 0 && read * 2 >= values.length) return { name, bareUnit };
  }
  return null;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|[.,]\d+)`;
const SECONDS = new RegExp(String.raw`^${NUMBER}\s*(s|sec|secs|seconds?|")?$`);
const FRAMES = new RegExp(String.raw`^(\d+)\s*(f|fr|frames?)$`);
const MILLISECONDS = new RegExp(String.raw`^${NUMBER}\s*ms$`);
const MINUTES = new RegExp(String.raw`^(\d+)\s*(?:m|min|mins|minutes?)(?:\s*${NUMBER}\s*(?:s|sec|secs|seconds?)?)?$`);

function toNumber(text: string): number {
  // A European sheet writes 2,5.
  return Number(text.replace(',', '.'));
}

/** Timecode: 2 parts M:SS(.s), 3 parts H:MM:SS, 4 parts H:MM:SS:FF (";" before the frames: drop-frame, read the same). */
function parseTimecode(text: string, fps: number): ParsedDuration | null {
  const parts = text.split(/[:;]/);
  if (parts.length < 2 || parts.length > 4) return null;
  const last = parts.length === 2 ? /^\d{1,2}(?:[.,]\d+)?$/ : /^\d{1,3}$/;
  if (!parts.slice(0, -1).every((p) => /^\d+$/.test(p)) || !last.test(parts[parts.length - 1]!)) return null;
  const n = parts.map(toNumber);
  // Fields after the first count up to 59 (seconds may carry a fraction, never reach 60).
  const bounded = (v: number) => v < 60;
  if (parts.length === 2) return bounded(n[1]!) ? { seconds: n[0]! * 60 + n[1]!, usesFps: false } : null;
  if (!bounded(n[1]!) || !bounded(n[2]!)) return null;
  const seconds = n[0]! * 3600 + n[1]! * 60 + n[2]!;
  if (parts.length === 3) return { seconds, usesFps: false };
  if (n[3]! >= Math.ceil(fps)) return null;
  return { seconds: seconds + n[3]! / fps, usesFps: true };
}

/** A duration in seconds, or null when the text is not one. `bareUnit` is how the column reads a plain number. */
export function parseDuration(value: string, fps: number, bareUnit: DurationUnit = 'seconds'): ParsedDuration | null {
  const text = value.trim().toLowerCase();
  if (text === '' || !(fps > 0)) return null;
  if (text.includes(':') || text.includes(';')) return parseTimecode(text, fps);
  let match = FRAMES.exec(text);
  if (match) return { seconds: Number(match[1]) / fps, usesFps: true };
  match = MILLISECONDS.exec(text);
  if (match) return { seconds: toNumber(match[1]!) / 1000, usesFps: false };
  match = MINUTES.exec(text);
  if (match) return { seconds: Number(match[1]) * 60 + (match[2] ? toNumber(match[2]) : 0), usesFps: false };
  match = SECONDS.exec(text);
  if (!match) return null;
  const number = toNumber(match[1]!);
  // "48" in a frames column is 48 frames; "2s" there is still two seconds.
  if (bareUnit === 'frames' && !match[2]) return /^\d+$/.test(match[1]!) ? { seconds: number / fps, usesFps: true } : null;
  return { seconds: number, usesFps: false };
}

/** Running time as an editor reads it: "0:02.5", "1:15", "1:02:03" (tenths only when there are some). */
export function formatRunningTime(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const whole = Math.floor(tenths / 10);
  const fraction = tenths % 10;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0') + (fraction ? `.${fraction}` : '');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The board's total running time from its duration column; null when it has none. */
export function boardRunningTime(
  columns: readonly string[],
  valueOf: (column: string) => readonly string[],
  fps: number = DEFAULT_FPS,
): { column: string; seconds: number; counted: number } | null {
  const column = findDurationColumn(columns, valueOf);
  if (!column) return null;
  let seconds = 0;
  let counted = 0;
  for (const value of valueOf(column.name)) {
    const parsed = parseDuration(value, fps, column.bareUnit);
    if (parsed) {
      seconds += parsed.seconds;
      counted++;
    }
  }
  return { column: column.name, seconds, counted };
}
