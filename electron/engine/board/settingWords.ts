// The words screenplays and shot lists use for where and when a shot happens, and what they
// mean: one table for the script's headings and the shot list's columns alike.
import type { ScriptSetting, TimeOfDay } from '../../common/api.ts';

/** 'inherit': the time of the scene before (CONTINUOUS, LATER, SAME). */
export type TimeWord = TimeOfDay | 'inherit';

const TIME_WORDS: ReadonlyArray<[TimeWord, readonly string[]]> = [
  ['day', ['DAY', 'DAYTIME', 'MORNING', 'AFTERNOON', 'NOON', 'MIDDAY', 'D']],
  ['night', ['NIGHT', 'NIGHTTIME', 'MIDNIGHT', 'LATE NIGHT', 'N']],
  // Low sun and mixed light: the toy world's sunset, real skies at either end of the day.
  ['dusk', ['DUSK', 'DAWN', 'SUNSET', 'SUNRISE', 'EVENING', 'TWILIGHT', 'MAGIC HOUR', 'GOLDEN HOUR', 'FIRST LIGHT', 'SUNDOWN']],
  [
    'inherit',
    ['CONTINUOUS', 'CONT', "CONT'D", 'LATER', 'MOMENTS LATER', 'A MOMENT LATER', 'SECONDS LATER', 'MINUTES LATER', 'SAME', 'SAME TIME'],
  ],
];

function words(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z']+/g, ' ')
    .trim();
}

/**
 * The time of day a heading's or a cell's time means, or null when it names none ("FLASHBACK").
 * The longest phrase wins, so "LATE NIGHT" is night and "MOMENTS LATER" inherits.
 */
export function timeWordOf(text: string): TimeWord | null {
  const plain = ` ${words(text)} `;
  let best: { word: TimeWord; length: number } | null = null;
  for (const [word, phrases] of TIME_WORDS) {
    for (const phrase of phrases) {
      if (plain.includes(` ${phrase} `) && (!best || phrase.length > best.length)) best = { word, length: phrase.length };
    }
  }
  return best?.word ?? null;
}

/** A shot list's INT/EXT cell: INT, EXT, INT/EXT, I/E, interior, outside... */
export function settingWordOf(text: string): ScriptSetting | null {
  const plain = text.trim().toUpperCase().replace(/\s+/g, ' ');
  if (/^(INT\.?\s*[/-]\s*EXT|EXT\.?\s*[/-]\s*INT|I\s*\/\s*E|E\s*\/\s*I|BOTH)\b/.test(plain)) return 'both';
  if (/^(INT|INTERIOR|INSIDE|INDOORS?|IN)\b/.test(plain)) return 'interior';
  if (/^(EXT|EXTERIOR|OUTSIDE|OUTDOORS?|OUT|EST)\b/.test(plain)) return 'exterior';
  return null;
}
