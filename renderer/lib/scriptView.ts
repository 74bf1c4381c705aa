// What the app shows of the board's screenplay and of the script-aware checks: which heading each
// scene has and how it was found, the frame's look readings against what the script or shot list
// states, and the caption part by part. Plain functions over the BoardView, so they are tested
// without a page.
import type {
  Board,
  CaptionBreakdown,
  CaptionPart,
  LookCheck,
  LookReading,
  SceneHeading,
  SceneMatchMethod,
  ScriptSetting,
  TimeOfDay,
} from '../../electron/common/api.ts';
import { formatNumber } from '../../electron/common/units.ts';
import {
  assessLook,
  LOOK_CHECK_NAMES,
  LOOK_WORDS,
  lookScoresText,
  type LookAssessment,
  type LookVerdict,
} from '../../electron/common/looks.ts';

export interface SceneHeadingRow {
  sceneId: string;
  sceneName: string;
  /** Null: no heading, either none was found (how null) or the person chose none (how 'setting'). */
  heading: SceneHeading | null;
  /** How the heading was found; null when nothing matched the scene. */
  how: SceneMatchMethod | null;
}

/** Every board scene with its heading, in scene order; empty without a script. */
export function sceneHeadingRows(board: Pick<Board, 'scenes' | 'script'>): SceneHeadingRow[] {
  const script = board.script;
  if (!script) return [];
  const matches = new Map(script.scenes.map((m) => [m.sceneId, m]));
  return board.scenes.map((scene) => {
    const match = matches.get(scene.id);
    const heading = match && match.headingIndex !== null ? (script.headings[match.headingIndex] ?? null) : null;
    return { sceneId: scene.id, sceneName: scene.name, heading, how: match?.how ?? null };
  });
}

export interface ScriptSummary {
  file: string;
  /** Scenes with a heading. */
  matched: number;
  total: number;
  /** Scenes nothing matched (a scene the person set to "no heading" is not among them). */
  unmatched: string[];
  /** "3 of 3 scenes matched". */
  text: string;
  /** "1 scene has no heading"; empty when every scene has one or was set to none. */
  unmatchedText: string;
}

export function scriptSummary(board: Pick<Board, 'scenes' | 'script'>): ScriptSummary | null {
  if (!board.script) return null;
  const rows = sceneHeadingRows(board);
  const matched = rows.filter((r) => r.heading).length;
  const unmatched = rows.filter((r) => r.how === null).map((r) => r.sceneName);
  const total = rows.length;
  return {
    file: board.script.file,
    matched,
    total,
    unmatched,
    text: `${matched} of ${total} ${total === 1 ? 'scene' : 'scenes'} matched`,
    unmatchedText: unmatched.length === 0 ? '' : `${unmatched.length === 1 ? '1 scene has' : `${unmatched.length} scenes have`} no heading`,
  };
}

const SETTING_WORDS: Readonly<Record<ScriptSetting, string>> = {
  interior: 'Interior',
  exterior: 'Exterior',
  both: 'Interior and exterior',
};

/** "Exterior · DESERT · Night"; a time the checks read as another word says so: "Continuous (read as night)". */
export function headingParts(heading: SceneHeading): string[] {
  const parts: string[] = [];
  if (heading.setting) parts.push(SETTING_WORDS[heading.setting]);
  if (heading.location) parts.push(heading.location);
  if (heading.time) {
    const written = heading.time.charAt(0).toUpperCase() + heading.time.slice(1).toLowerCase();
    const readAs: TimeOfDay | null = heading.timeOfDay;
    parts.push(readAs && readAs !== heading.time.toLowerCase() ? `${written} (read as ${readAs})` : written);
  }
  return parts;
}

const HOW_WORDS: Readonly<Record<SceneMatchMethod, string>> = {
  'scene-number': 'matched by its scene number',
  'scene-name': "matched by the heading in the scene's name",
  order: 'matched by story order',
  setting: 'chosen by hand',
};

export function matchWords(how: SceneMatchMethod | null): string {
  return how ? HOW_WORDS[how] : 'no heading matched';
}

/** "2. INT. A PLACE - DAY": the heading's place in the script, so two alike headings stay apart. */
export function headingOption(heading: SceneHeading): string {
  return `${heading.index + 1}. ${heading.text}`;
}

/** The select's value for a heading choice; 'none' for no heading. */
export function headingValue(index: number | null): string {
  return index === null ? 'none' : String(index);
}

export function parseHeadingValue(value: string): number | null {
  return value === 'none' ? null : Number(value);
}

const VERDICT_WORDS: Readonly<Record<LookVerdict, string>> = {
  agrees: 'Agrees',
  'leans-away': 'Close; not flagged',
  contradicts: 'Contradicts',
};

export interface LookRow {
  check: LookCheck;
  name: string;
  /** What should be seen, in words: "daylight", "a close-up or a medium shot". */
  stated: string;
  /** Who says so: "Scene 3 is EXT. DESERT - NIGHT", "The shot list's Shot Size says CU". */
  statedBy: string;
  assessment: LookAssessment;
  verdict: string;
  scores: string;
}

export function lookRows(readings: readonly LookReading[], marginRatio: number): LookRow[] {
  return readings.map((reading) => {
    const assessment = assessLook(reading, marginRatio);
    return {
      check: reading.check,
      name: LOOK_CHECK_NAMES[reading.check],
      stated: reading.stated.map((l) => LOOK_WORDS[l]).join(' or '),
      statedBy: reading.statedBy,
      assessment,
      verdict: VERDICT_WORDS[assessment.verdict],
      scores: lookScoresText(reading),
    };
  });
}

export interface PartRow {
  key: string;
  text: string;
  kind: CaptionPart['kind'];
  shown: boolean;
  cosine: string;
  truncated: boolean;
}

/** The caption's parts in caption order; a key per part, as the same words may come twice. */
export function partRows(breakdown: CaptionBreakdown): PartRow[] {
  return breakdown.parts.map((part, i) => ({
    key: `${i}:${part.text}`,
    text: part.text,
    kind: part.kind,
    shown: part.shown,
    cosine: formatNumber(part.cosine, 3),
    truncated: part.truncated,
  }));
}
