// What a shot list's own columns say about a shot: its size (Shot Size, Framing: ECU, CU, MCU,
// MS, MWS, WS, EWS, OTS and their spelled-out forms), INT/EXT and the time of day. They arrive
// as Frame.extra (columns Frameproof does not otherwise interpret); a column that is absent or a
// value that is not recognised says nothing.
import type { ExtraField, ScriptSetting } from '../../common/api.ts';
import { settingWordOf, timeWordOf } from './settingWords.ts';

export type ShotSize = 'ECU' | 'CU' | 'MCU' | 'MS' | 'MWS' | 'WS' | 'EWS' | 'OTS';

export interface ShotListStatement<T> {
  value: T;
  column: string;
  /** The cell as written. */
  raw: string;
}

export interface ShotListSpec {
  shotSize?: ShotListStatement<ShotSize>;
  setting?: ShotListStatement<ScriptSetting>;
  time?: ShotListStatement<'day' | 'night' | 'dusk'>;
}

const SIZE_COLUMNS = ['shot size', 'shotsize', 'size', 'framing', 'frame size', 'shot type', 'shottype'];
const SETTING_COLUMNS = ['int/ext', 'int-ext', 'intext', 'int./ext.', 'int ext', 'i/e', 'interior/exterior', 'location type', 'setting'];
const TIME_COLUMNS = ['day/night', 'd/n', 'time', 'time of day', 'timeofday', 'tod', 'day-night'];

// Longest spellings first, so "MEDIUM CLOSE UP" is not read as "CLOSE UP".
const SIZE_SPELLINGS: ReadonlyArray<[ShotSize, readonly string[]]> = [
  ['ECU', ['EXTREME CLOSE UP', 'EXTREME CLOSEUP', 'EXTREME CU', 'BIG CLOSE UP', 'ECU', 'XCU', 'BCU', 'DETAIL', 'INSERT']],
  ['MCU', ['MEDIUM CLOSE UP', 'MEDIUM CLOSEUP', 'MED CLOSE UP', 'MID CLOSE UP', 'MCU', 'MED CU']],
  [
    'EWS',
    [
      'EXTREME WIDE SHOT',
      'EXTREME WIDE',
      'EXTREME LONG SHOT',
      'EXTREME LONG',
      'ESTABLISHING SHOT',
      'ESTABLISHING',
      'EWS',
      'ELS',
      'XWS',
      'XLS',
    ],
  ],
  [
    'MWS',
    [
      'MEDIUM WIDE SHOT',
      'MEDIUM WIDE',
      'MEDIUM LONG SHOT',
      'MEDIUM LONG',
      'MED WIDE',
      'COWBOY SHOT',
      'COWBOY',
      'AMERICAN SHOT',
      'MWS',
      'MLS',
      'MFS',
    ],
  ],
  ['OTS', ['OVER THE SHOULDER', 'OVER SHOULDER', 'OTS', 'OSS']],
  ['CU', ['CLOSE UP', 'CLOSEUP', 'CLOSE', 'CU']],
  ['MS', ['MEDIUM SHOT', 'MEDIUM', 'MID SHOT', 'MIDSHOT', 'MID', 'MED', 'WAIST SHOT', 'MS']],
  ['WS', ['WIDE SHOT', 'WIDE', 'LONG SHOT', 'LONG', 'FULL SHOT', 'FULL', 'WS', 'LS', 'FS']],
];

/** A shot size cell ("CU", "Close-up", "medium wide shot", "OTS on Anna") as one of the standard sizes. */
export function shotSizeOf(text: string): ShotSize | null {
  const plain = ` ${text
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim()} `;
  for (const [size, spellings] of SIZE_SPELLINGS) if (spellings.some((s) => plain.startsWith(` ${s} `))) return size;
  return null;
}

function fold(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

function statement<T>(
  extra: readonly ExtraField[],
  columns: readonly string[],
  read: (value: string) => T | null,
): ShotListStatement<T> | undefined {
  for (const wanted of columns) {
    const field = extra.find((e) => fold(e.name) === wanted);
    if (!field || !field.value.trim()) continue;
    const value = read(field.value);
    if (value !== null) return { value, column: field.name, raw: field.value.trim() };
  }
  return undefined;
}

export function shotListSpec(extra: readonly ExtraField[]): ShotListSpec {
  const shotSize = statement(extra, SIZE_COLUMNS, shotSizeOf);
  const setting = statement(extra, SETTING_COLUMNS, settingWordOf);
  const time = statement(extra, TIME_COLUMNS, (v) => {
    const word = timeWordOf(v);
    return word === 'inherit' ? null : word;
  });
  return { ...(shotSize && { shotSize }), ...(setting && { setting }), ...(time && { time }) };
}
