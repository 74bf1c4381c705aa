// Scene headings ("slug lines"): INT. / EXT. / INT./EXT. / I/E, a location, a dash and a time,
// and in Fountain an optional scene number between # marks. Used for Fountain lines and Final
// Draft's Scene Heading paragraphs alike.
import type { SceneHeading, ScriptSetting } from '../../common/api.ts';
import { timeWordOf, type TimeWord } from './settingWords.ts';

const PREFIX = /^(INT\.?\s*\/\s*EXT|EXT\.?\s*\/\s*INT|INT|EXT|EST|I\s*\/\s*E)(?:\.|\s)/i;
const NUMBER = /\s*#([^#\s][^#]*)#\s*$/;
// Fountain allows a hyphen, en or em dash between location and time.
const DASH = /\s+[-\u2013\u2014]+\s+|\s*[\u2013\u2014]\s*/;

/** True when a line opens like a scene heading (Fountain's rule: the prefix, then a dot or a space). */
export function looksLikeHeading(line: string): boolean {
  return PREFIX.test(line.trim());
}

function settingOf(prefix: string): ScriptSetting {
  const p = prefix.toUpperCase().replace(/[\s.]/g, '');
  if (p === 'INT') return 'interior';
  if (p === 'EXT' || p === 'EST') return 'exterior';
  return 'both';
}

export interface ParsedHeading {
  text: string;
  number: string | null;
  setting: ScriptSetting | null;
  location: string;
  time: string | null;
  timeWord: TimeWord | null;
}

/** A heading's parts; `forced` headings (Fountain's leading '.') may lack the INT/EXT prefix. */
export function parseHeading(raw: string): ParsedHeading {
  let text = raw.trim();
  let number: string | null = null;
  const numbered = NUMBER.exec(text);
  if (numbered) {
    number = numbered[1]!.trim();
    text = text.slice(0, numbered.index).trim();
  }
  const prefix = PREFIX.exec(text);
  const setting = prefix ? settingOf(prefix[1]!) : null;
  const rest = prefix ? text.slice(prefix[0].length).replace(/^[.\s]+/, '') : text;
  const parts = rest
    .split(DASH)
    .map((p) => p.trim())
    .filter(Boolean);
  let location = rest.trim();
  let time: string | null = null;
  if (parts.length > 1) {
    time = parts.at(-1)!;
    location = parts.slice(0, -1).join(' - ');
  } else {
    // "EXT. DESERT NIGHT": no dash, but the last word is a time word.
    const last = /\s(\S+)$/.exec(rest.trim());
    if (last && timeWordOf(last[1]!) !== null && timeWordOf(last[1]!) !== 'inherit') {
      time = last[1]!;
      location = rest.trim().slice(0, last.index).trim();
    }
  }
  return { text, number, setting, location, time, timeWord: time === null ? null : timeWordOf(time) };
}

/** Headings in script order, CONTINUOUS and LATER resolved to the time before them. */
export function resolveHeadings(parsed: readonly (ParsedHeading & { line: number })[]): SceneHeading[] {
  let previous: SceneHeading['timeOfDay'] = null;
  return parsed.map((h, index) => {
    const timeOfDay = h.timeWord === 'inherit' ? previous : h.timeWord;
    previous = timeOfDay;
    return { index, text: h.text, number: h.number, setting: h.setting, location: h.location, time: h.time, timeOfDay, line: h.line };
  });
}
