// What the board states each frame should look like, for the zero-shot checks: the shot list's
// own columns first (they are about this shot), else its scene's screenplay heading. An INT.
// scene's time of day is not checked (a room rarely shows the sky), nor an INT./EXT. one's
// setting, nor a shot size the shot list does not give.
import type { Board, Frame, LookLabel, SceneHeading, TimeOfDay } from '../../common/api.ts';
import { headingOfScene, shotListSpec, type ShotSize } from '../board/index.ts';
import type { LookStatement } from './types.ts';

const SIZE_LABELS: Readonly<Record<ShotSize, LookLabel[]>> = {
  ECU: ['close-up'],
  CU: ['close-up'],
  MCU: ['close-up', 'medium'],
  MS: ['medium'],
  MWS: ['medium', 'wide'],
  WS: ['wide'],
  EWS: ['wide'],
  // Over the shoulder: framed from a medium to a close-up, never wide.
  OTS: ['close-up', 'medium'],
};

/** "Scene 3 is EXT. DESERT - NIGHT": the script's own scene number when it is a plain one, else its place in the script. */
export function headingWords(heading: SceneHeading): string {
  const number = heading.number && /^\d+[A-Z]?$/i.test(heading.number) ? heading.number : String(heading.index + 1);
  return `Scene ${number} is ${heading.text}`;
}

export function frameStatements(board: Pick<Board, 'script'>, frame: Pick<Frame, 'sceneId' | 'extra'>): LookStatement[] {
  const spec = shotListSpec(frame.extra);
  const heading = headingOfScene(board.script, frame.sceneId);
  const out: LookStatement[] = [];
  const setting = spec.setting?.value ?? heading?.setting ?? null;
  const settingBy = spec.setting ? `The shot list's ${spec.setting.column} says ${spec.setting.raw}` : heading ? headingWords(heading) : '';
  if (setting === 'interior' || setting === 'exterior') out.push({ check: 'interior-exterior', stated: [setting], statedBy: settingBy });
  const time: TimeOfDay | null = spec.time?.value ?? heading?.timeOfDay ?? null;
  if (time && setting !== 'interior') {
    const timeBy = spec.time ? `The shot list's ${spec.time.column} says ${spec.time.raw}` : headingWords(heading!);
    out.push({ check: 'time-of-day', stated: [time], statedBy: timeBy });
  }
  if (spec.shotSize)
    out.push({
      check: 'shot-size',
      stated: SIZE_LABELS[spec.shotSize.value],
      statedBy: `The shot list's ${spec.shotSize.column} says ${spec.shotSize.raw}`,
    });
  return out;
}
