import { describe, expect, it } from 'vitest';
import type { FlagKind, LookCheck } from '../../../electron/common/api.ts';
import {
  analyzeBoard,
  defaultAnalysisSettings,
  frameStatements,
  headingWords,
  lookPromptTexts,
} from '../../../electron/engine/analysis/index.ts';
import { lookBoard } from '../../eval/lookWorld.ts';

const KIND: Record<LookCheck, FlagKind> = {
  'time-of-day': 'time-of-day',
  'interior-exterior': 'interior-exterior',
  'shot-size': 'shot-size',
};

function tally(seed: number, n: number, rate: number, check: LookCheck) {
  const board = lookBoard(seed, n, rate);
  const analysis = analyzeBoard({ frames: board.frames, texts: board.texts });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  analysis.frames.forEach((f, i) => {
    const flagged = f.flags.some((flag) => flag.kind === KIND[check]);
    const planted = board.planted[i]!.has(check);
    if (flagged && planted) tp++;
    else if (flagged) fp++;
    else if (planted) fn++;
  });
  return { tp, fp, fn, analysis, board };
}

describe('zero-shot look checks', () => {
  it.each(['time-of-day', 'interior-exterior', 'shot-size'] as const)(
    '%s: catches planted contradictions and stays quiet on true statements',
    (check) => {
      const { tp, fp, fn } = tally(2, 200, 0.15, check);
      expect(tp).toBeGreaterThanOrEqual(5);
      expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
      expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('says who states what, what the frame looks like and the numbers behind it', () => {
    const { analysis, board } = tally(11, 120, 0.2, 'time-of-day');
    const i = board.planted.findIndex((p) => p.has('time-of-day'));
    const flag = analysis.frames[i]!.flags.find((f) => f.kind === 'time-of-day')!;
    expect(flag.severity).toBe('warning');
    expect(flag.reason).toMatch(
      /^Scene \d+ is EXT\. PLACE - (DAY|NIGHT|DUSK), but shot \d+ looks like (daylight|night|dusk or dawn) \((day|night|dusk) 0\.\d+ vs (day|night|dusk) 0\.\d+\)\.$/,
    );
    expect(flag.numbers).toMatchObject({ threshold: 0.5 });
    expect(flag.numbers.margin).toBeGreaterThan(0.5);
    const reading = analysis.frames[i]!.looks.find((r) => r.check === 'time-of-day')!;
    expect(Object.keys(reading.scores).sort()).toEqual(['day', 'dusk', 'night']);
    expect(reading.stated).not.toContain(reading.looks);
  });

  it('claims nothing where no script or shot list states a look', () => {
    const board = lookBoard(5, 60, 0, { statements: false });
    const analysis = analyzeBoard({ frames: board.frames, texts: board.texts });
    expect(analysis.frames.every((f) => f.looks.length === 0)).toBe(true);
    expect(analysis.frames.flatMap((f) => f.flags).filter((f) => f.kind in KIND)).toEqual([]);
  });

  it('says the checks did not run while their prompts are not embedded, and flags nothing', () => {
    const board = lookBoard(5, 20, 0.5);
    const analysis = analyzeBoard({ frames: board.frames });
    expect(analysis.frames.flatMap((f) => f.flags).filter((f) => f.kind in KIND)).toEqual([]);
    expect(analysis.notes.filter((n) => /check did not run: its prompts are not embedded/.test(n))).toHaveLength(3);
  });

  it('a larger margin flags less: the threshold is what decides', () => {
    const board = lookBoard(11, 120, 0.2);
    const count = (ratio: number) =>
      analyzeBoard({
        frames: board.frames,
        texts: board.texts,
        settings: { ...defaultAnalysisSettings(), thresholds: { lookMarginRatio: ratio } },
      })
        .frames.flatMap((f) => f.flags)
        .filter((f) => f.kind in KIND).length;
    expect(count(5)).toBe(0);
    expect(count(0.5)).toBeGreaterThan(count(1.5));
  });

  it('every prompt is a distinct text, so each is embedded once', () => {
    const texts = lookPromptTexts();
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain('a storyboard frame at night');
  });
});

describe('what the board states', () => {
  const heading = {
    index: 2,
    text: 'EXT. DESERT - NIGHT',
    number: null,
    setting: 'exterior' as const,
    location: 'DESERT',
    time: 'NIGHT',
    timeOfDay: 'night' as const,
    line: 9,
  };
  const script = {
    file: 's.fountain',
    format: 'fountain' as const,
    headings: [heading],
    scenes: [{ sceneId: 'sc3', headingIndex: 0, how: 'order' as const }],
  };

  it('a scene heading states setting and time; the shot list states the size and wins over the heading', () => {
    expect(frameStatements({ script }, { sceneId: 'sc3', extra: [] })).toEqual([
      { check: 'interior-exterior', stated: ['exterior'], statedBy: 'Scene 3 is EXT. DESERT - NIGHT' },
      { check: 'time-of-day', stated: ['night'], statedBy: 'Scene 3 is EXT. DESERT - NIGHT' },
    ]);
    expect(
      frameStatements(
        { script },
        {
          sceneId: 'sc3',
          extra: [
            { name: 'Shot Size', value: 'MCU' },
            { name: 'Time', value: 'day' },
          ],
        },
      ),
    ).toEqual([
      { check: 'interior-exterior', stated: ['exterior'], statedBy: 'Scene 3 is EXT. DESERT - NIGHT' },
      { check: 'time-of-day', stated: ['day'], statedBy: "The shot list's Time says day" },
      { check: 'shot-size', stated: ['close-up', 'medium'], statedBy: "The shot list's Shot Size says MCU" },
    ]);
  });

  it('an interior states no time of day, INT./EXT. no setting, and a scene without a heading nothing', () => {
    const int = { ...script, headings: [{ ...heading, text: 'INT. TENT - NIGHT', setting: 'interior' as const }] };
    expect(frameStatements({ script: int }, { sceneId: 'sc3', extra: [] })).toEqual([
      { check: 'interior-exterior', stated: ['interior'], statedBy: 'Scene 3 is INT. TENT - NIGHT' },
    ]);
    const both = { ...script, headings: [{ ...heading, text: 'INT./EXT. CAR - NIGHT', setting: 'both' as const }] };
    expect(frameStatements({ script: both }, { sceneId: 'sc3', extra: [] }).map((s) => s.check)).toEqual(['time-of-day']);
    expect(frameStatements({ script }, { sceneId: 'other', extra: [] })).toEqual([]);
    expect(frameStatements({}, { sceneId: 'sc3', extra: [] })).toEqual([]);
  });

  it("names the scene by the script's own number when it is a plain one", () => {
    expect(headingWords({ ...heading, number: '12A' })).toBe('Scene 12A is EXT. DESERT - NIGHT');
    expect(headingWords({ ...heading, number: '1-7BUNG' })).toBe('Scene 3 is EXT. DESERT - NIGHT');
  });
});
