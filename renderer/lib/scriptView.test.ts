import { describe, expect, it } from 'vitest';
import type { Board, LookReading, SceneHeading } from '../../electron/common/api.ts';
import {
  headingOption,
  headingParts,
  headingValue,
  lookRows,
  matchWords,
  parseHeadingValue,
  partRows,
  sceneHeadingRows,
  scriptSummary,
} from './scriptView.ts';

function heading(index: number, text: string, extra: Partial<SceneHeading> = {}): SceneHeading {
  return {
    index,
    text,
    number: null,
    setting: 'exterior',
    location: 'DESERT',
    time: 'NIGHT',
    timeOfDay: 'night',
    line: index * 4 + 1,
    ...extra,
  };
}

const headings = [
  heading(0, 'EXT. DESERT - NIGHT'),
  heading(1, 'INT. TENT - CONTINUOUS', { setting: 'interior', location: 'TENT', time: 'CONTINUOUS' }),
  heading(2, 'EXT. DESERT - DAWN', { time: 'DAWN', timeOfDay: 'dusk' }),
];

function board(scenes: [string, number | null, 'scene-number' | 'setting' | null][]): Pick<Board, 'scenes' | 'script'> {
  return {
    scenes: scenes.map(([id]) => ({ id, name: `Scene ${id}`, folder: id, frameIds: [] })),
    script: {
      file: 'film.fountain',
      format: 'fountain',
      headings,
      scenes: scenes.flatMap(([sceneId, headingIndex, how]) => (how ? [{ sceneId, headingIndex, how }] : [])),
    },
  };
}

describe("the board's script", () => {
  it('counts the scenes with a heading, and names the ones nothing matched', () => {
    const b = board([
      ['1', 0, 'scene-number'],
      ['2', null, null],
      ['3', null, 'setting'],
    ]);
    expect(scriptSummary(b)).toEqual({
      file: 'film.fountain',
      matched: 1,
      total: 3,
      unmatched: ['Scene 2'],
      text: '1 of 3 scenes matched',
      unmatchedText: '1 scene has no heading',
    });
    expect(sceneHeadingRows(b).map((r) => [r.sceneId, r.heading?.text ?? null, matchWords(r.how)])).toEqual([
      ['1', 'EXT. DESERT - NIGHT', 'matched by its scene number'],
      ['2', null, 'no heading matched'],
      ['3', null, 'chosen by hand'],
    ]);
    expect(scriptSummary(board([['1', 2, 'setting']]))).toMatchObject({ text: '1 of 1 scene matched', unmatchedText: '' });
    expect(
      scriptSummary(
        board([
          ['1', null, null],
          ['2', null, null],
        ]),
      )!.unmatchedText,
    ).toBe('2 scenes have no heading');
  });

  it('is absent without a script', () => {
    expect(scriptSummary({ scenes: [], script: undefined })).toBeNull();
    expect(sceneHeadingRows({ scenes: [], script: undefined })).toEqual([]);
  });

  it("spells a heading's parts out, with the time of day an inherited or other word is read as", () => {
    expect(headingParts(headings[0]!)).toEqual(['Exterior', 'DESERT', 'Night']);
    expect(headingParts(headings[1]!)).toEqual(['Interior', 'TENT', 'Continuous (read as night)']);
    expect(headingParts(headings[2]!)).toEqual(['Exterior', 'DESERT', 'Dawn (read as dusk)']);
    expect(headingParts(heading(0, 'EXT. ROAD', { setting: 'both', location: 'ROAD', time: null, timeOfDay: null }))).toEqual([
      'Interior and exterior',
      'ROAD',
    ]);
  });

  it('offers each heading by its place in the script, and round-trips the choice', () => {
    expect(headingOption(headings[1]!)).toBe('2. INT. TENT - CONTINUOUS');
    for (const index of [null, 0, 2]) expect(parseHeadingValue(headingValue(index))).toBe(index);
  });
});

describe("a frame's look readings", () => {
  const reading = (extra: Partial<LookReading>): LookReading => ({
    check: 'time-of-day',
    looks: 'day',
    scores: { day: 0.31, night: 0.22, dusk: 0.2 },
    stated: ['night'],
    statedBy: 'Scene 1 is EXT. DESERT - NIGHT',
    margin: 1.3,
    ...extra,
  });

  it('puts what is stated next to what the frame looks like, with the verdict and the numbers', () => {
    expect(lookRows([reading({})], 0.5)).toEqual([
      {
        check: 'time-of-day',
        name: 'Time of day',
        stated: 'night',
        statedBy: 'Scene 1 is EXT. DESERT - NIGHT',
        assessment: { verdict: 'contradicts', confidence: 'clear', words: 'Looks like daylight, clearly not night' },
        verdict: 'Contradicts',
        scores: 'day 0.31 \u00b7 night 0.22 \u00b7 dusk 0.20',
      },
    ]);
    const [size] = lookRows(
      [
        reading({
          check: 'shot-size',
          looks: 'medium',
          stated: ['close-up', 'medium'],
          statedBy: "The shot list's Shot Size says MCU",
          scores: { 'close-up': 0.2, medium: 0.25, wide: 0.1 },
          margin: -0.7,
        }),
      ],
      0.5,
    );
    expect(size).toMatchObject({ name: 'Shot size', stated: 'a close-up or a medium shot', verdict: 'Agrees' });
    expect(size!.assessment.words).toBe('Looks like a medium shot, probably');
    expect(lookRows([reading({ margin: 0.2 })], 0.5)[0]!.verdict).toBe('Close; not flagged');
  });
});

describe('a caption part by part', () => {
  it('keeps caption order, a key per part even for repeated words, and three decimals', () => {
    const rows = partRows({
      parts: [
        { text: 'a rider', kind: 'phrase', cosine: 0.2812, shown: true, truncated: false },
        { text: 'a rider', kind: 'phrase', cosine: 0.27, shown: true, truncated: false },
        { text: 'at sunrise', kind: 'phrase', cosine: 0.1, shown: false, truncated: false },
      ],
      summary: 'shows: a rider, a rider; weak: at sunrise',
      longCaption: false,
    });
    expect(rows.map((r) => [r.text, r.shown, r.cosine])).toEqual([
      ['a rider', true, '0.281'],
      ['a rider', true, '0.270'],
      ['at sunrise', false, '0.100'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
  });
});
