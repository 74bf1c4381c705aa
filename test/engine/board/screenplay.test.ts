import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBoard, withSceneHeadings } from '../../../electron/engine/board/index.ts';
import { fdxHeadings } from '../../../electron/engine/board/fdx.ts';
import { fountainHeadings } from '../../../electron/engine/board/fountain.ts';
import { parseHeading, resolveHeadings } from '../../../electron/engine/board/sceneHeading.ts';
import { matchScenes } from '../../../electron/engine/board/sceneMatch.ts';
import { SHARED } from '../../paths.ts';
import { removeTempBoards, tempBoard, writeImage } from './helpers.ts';

afterAll(removeTempBoards);

const PRINTABLE = join(SHARED, 'fixtures', 'storyboarder', 'printable');

describe('scene headings', () => {
  it.each([
    ['EXT. DESERT - NIGHT', { setting: 'exterior', location: 'DESERT', time: 'NIGHT', timeWord: 'night', number: null }],
    ['INT. KITCHEN – MORNING #12#', { setting: 'interior', location: 'KITCHEN', time: 'MORNING', timeWord: 'day', number: '12' }],
    ['INT./EXT. CAR - DUSK', { setting: 'both', location: 'CAR', time: 'DUSK', timeWord: 'dusk' }],
    ['I/E TRUCK - DAWN', { setting: 'both', location: 'TRUCK', time: 'DAWN', timeWord: 'dusk' }],
    ['EXT. BEACH - EVENING', { timeWord: 'dusk' }],
    ['INT. HALLWAY - CONTINUOUS', { time: 'CONTINUOUS', timeWord: 'inherit' }],
    ['EXT. STREET - MOMENTS LATER', { timeWord: 'inherit' }],
    ['EXT. DESERT NIGHT', { location: 'DESERT', time: 'NIGHT', timeWord: 'night' }],
    ['EXT. ROOFTOP - NIGHT - FLASHBACK', { location: 'ROOFTOP - NIGHT', time: 'FLASHBACK', timeWord: null }],
    ['INT. OFFICE', { location: 'OFFICE', time: null, timeWord: null }],
    ['EXT. A PLACE - DAY #1-7BUNG#', { text: 'EXT. A PLACE - DAY', number: '1-7BUNG', timeWord: 'day' }],
  ])('%s', (line, expected) => {
    expect(parseHeading(line)).toMatchObject(expected);
  });

  it('CONTINUOUS and LATER take the time of the heading before them', () => {
    const headings = resolveHeadings(
      ['EXT. DESERT - NIGHT', 'INT. TENT - CONTINUOUS', 'EXT. DESERT - LATER', 'EXT. DUNES - DAY'].map((l, i) => ({
        ...parseHeading(l),
        line: i + 1,
      })),
    );
    expect(headings.map((h) => h.timeOfDay)).toEqual(['night', 'night', 'night', 'day']);
  });
});

describe('Fountain', () => {
  it('finds headings after a blank line, forced ones, and skips the title page, boneyard and notes', () => {
    const script = [
      'Title: Int. Test', // a title page line, not a heading
      'Author: Someone',
      '',
      'EXT. DESERT - NIGHT #3#',
      '',
      'A rider crosses the dunes.',
      'INT. not a heading: no blank line before it',
      '',
      '.FLASHBACK - THE OASIS',
      '',
      '...and then',
      '',
      '/* INT. CUT SCENE - DAY',
      '*/',
      '',
      '[[INT. A NOTE - DAY]]',
      '',
      'int. tent - continuous',
    ].join('\r\n');
    const headings = fountainHeadings(script);
    expect(headings.map((h) => [h.text, h.line])).toEqual([
      ['EXT. DESERT - NIGHT', 4],
      ['FLASHBACK - THE OASIS', 9],
      ['int. tent - continuous', 18],
    ]);
    expect(headings[0]!.number).toBe('3');
    expect(headings[1]!.setting).toBeNull();
  });
});

describe('Final Draft', () => {
  it('reads Scene Heading paragraphs, their numbers and text split over runs', () => {
    const fdx = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Number="1" Type="Scene Heading"><SceneProperties Length="1/8" Page="1" Title=""/><Text>EXT. DESERT - </Text><Text Style="Bold">NIGHT</Text></Paragraph>
    <Paragraph Type="Action"><Text>INT. NOT A HEADING - DAY</Text></Paragraph>
    <Paragraph Number="2A" Type="Scene Heading"><Text>INT. TENT - CONTINUOUS</Text></Paragraph>
    <Paragraph Type="Scene Heading"><Text>EXT. OASIS &amp; WELL - DAWN</Text></Paragraph>
  </Content>
</FinalDraft>`;
    const read = fdxHeadings(fdx);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.headings.map((h) => [h.text, h.number, h.timeWord, h.line])).toEqual([
      ['EXT. DESERT - NIGHT', '1', 'night', 4],
      ['INT. TENT - CONTINUOUS', '2A', 'inherit', 6],
      ['EXT. OASIS & WELL - DAWN', null, 'dusk', 7],
    ]);
  });

  it('says where a damaged file breaks', () => {
    const read = fdxHeadings('<FinalDraft>\n<Content>\n<Paragraph Type="Scene Heading"><Text>EXT. A</Paragraph>\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.line).toBe(3);
    expect(read.message).toMatch(/Text|tag/i);
  });
});

describe('matching headings to scenes', () => {
  const headings = resolveHeadings(
    ['EXT. DESERT - NIGHT #1#', 'INT. TENT - NIGHT #2#', 'EXT. OASIS - DAY #3#'].map((l, i) => ({ ...parseHeading(l), line: i + 1 })),
  );

  it('by scene number, then by the heading in the name, else by order when the counts agree', () => {
    const byNumber = matchScenes(
      [
        { id: 'sc03', name: 'sc03' },
        { id: 'b', name: 'Scene 1' },
      ],
      headings,
      's.fountain',
    );
    expect(byNumber.matches).toEqual([
      { sceneId: 'sc03', headingIndex: 2, how: 'scene-number' },
      { sceneId: 'b', headingIndex: 0, how: 'scene-number' },
    ]);
    const byName = matchScenes([{ id: 'manifest:INT. TENT - NIGHT', name: 'INT. TENT - NIGHT' }], headings, 's.fountain');
    expect(byName.matches).toEqual([{ sceneId: 'manifest:INT. TENT - NIGHT', headingIndex: 1, how: 'scene-name' }]);
    const byOrder = matchScenes(
      [
        { id: 'a', name: 'opening' },
        { id: 'b', name: 'middle' },
        { id: 'c', name: 'end' },
      ],
      headings,
      's.fountain',
    );
    expect(byOrder.matches.map((m) => [m.headingIndex, m.how])).toEqual([
      [0, 'order'],
      [1, 'order'],
      [2, 'order'],
    ]);
    expect(byOrder.problems).toEqual([]);
  });

  it('claims nothing when neither names nor counts agree, and says so', () => {
    const none = matchScenes([{ id: '.', name: 'board' }], headings, 's.fountain');
    expect(none.matches).toEqual([]);
    expect(none.problems).toMatchObject([{ code: 'SCRIPT_UNMATCHED', severity: 'info', file: 's.fountain' }]);
    expect(none.problems[0]!.message).toMatch(/1 scene and the script 3 headings/);
  });

  it("applies the person's choices and ignores ones for headings the script lacks", () => {
    const script = {
      file: 's.fountain',
      format: 'fountain' as const,
      headings,
      scenes: [{ sceneId: 'a', headingIndex: 0, how: 'order' as const }],
    };
    const scenes = [
      { id: 'a', name: 'Scene A' },
      { id: 'b', name: 'Scene B' },
    ];
    const chosen = withSceneHeadings(script, scenes, { a: null, b: 2, gone: 1 });
    expect(chosen.script.scenes).toEqual([
      { sceneId: 'a', headingIndex: null, how: 'setting' },
      { sceneId: 'b', headingIndex: 2, how: 'setting' },
    ]);
    expect(chosen.problem).toBeNull();
    const wrong = withSceneHeadings(script, [scenes[0]!], { a: 7 });
    expect(wrong.script.scenes).toEqual(script.scenes);
    expect(wrong.notes[0]).toMatch(/number 8\) is not in s.fountain, which has 3/);
  });

  it('names again only the scenes still without a heading once the person chose some', () => {
    const scenes = [
      { id: 'a', name: 'Scene A' },
      { id: 'b', name: 'Scene B' },
      { id: 'c', name: 'Scene C' },
    ];
    const script = { file: 's.fountain', format: 'fountain' as const, headings, scenes: [] };
    const partly = withSceneHeadings(script, scenes, { b: 1 });
    expect(partly.problem).toMatchObject({ code: 'SCRIPT_UNMATCHED', severity: 'info', file: 's.fountain' });
    expect(partly.problem!.message).toMatch(/for 2 scenes Scene A, Scene C;/);
    expect(partly.problem!.message).not.toMatch(/Scene B/);
    expect(withSceneHeadings(script, scenes, { a: 0, b: 1, c: null }).problem).toBeNull();
  });
});

describe('a board with its script', () => {
  it('the Storyboarder project with a .fountain script: every scene has its heading by its scene number', async () => {
    const board = await openBoard(PRINTABLE, { cacheDir: tempBoard('frameproof-script-cache-') });
    expect(board.script).toMatchObject({ file: 'printable.fountain', format: 'fountain' });
    expect(board.script!.headings.map((h) => [h.text, h.number, h.setting, h.timeOfDay])).toEqual([
      ['EXT. A PLACE - DAY', '1-7BUNG', 'exterior', 'day'],
      ['INT. A PLACE - DAY', '2-50YWC', 'interior', 'day'],
      ['EXT. HOUSE - DAY', '3-0VAZK', 'exterior', 'day'],
    ]);
    expect(board.script!.scenes).toEqual(board.scenes.map((s, i) => ({ sceneId: s.id, headingIndex: i, how: 'scene-number' })));
    expect(board.problems.filter((p) => p.code.startsWith('SCRIPT'))).toEqual([]);
  });

  it('a folder with a hand-written .fdx and scene folders named after their headings', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'EXT DESERT NIGHT', 'shot01.png'));
    await writeImage(join(dir, 'INT TENT NIGHT', 'shot02.png'));
    writeFileSync(
      join(dir, 'desert.fdx'),
      '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading"><Text>INT. TENT - NIGHT</Text></Paragraph><Paragraph Type="Scene Heading"><Text>EXT. DESERT - NIGHT</Text></Paragraph></Content></FinalDraft>',
    );
    const board = await openBoard(dir, { cacheDir: tempBoard() });
    expect(board.script?.format).toBe('fdx');
    expect(board.script!.scenes).toEqual([
      { sceneId: 'EXT DESERT NIGHT', headingIndex: 1, how: 'scene-name' },
      { sceneId: 'INT TENT NIGHT', headingIndex: 0, how: 'scene-name' },
    ]);
  });

  it('a damaged .fdx is a problem naming the file and line; the board opens without a script', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot01.png'));
    writeFileSync(join(dir, 'broken.fdx'), '<FinalDraft>\n<Content>\n<Paragraph Type="Scene Heading"><Text>EXT. A</Paragraph>');
    const board = await openBoard(dir, { cacheDir: tempBoard() });
    expect(board.script).toBeUndefined();
    expect(board.frames).toHaveLength(1);
    expect(board.problems).toMatchObject([{ code: 'SCRIPT_INVALID', severity: 'warning', file: 'broken.fdx' }]);
    expect(board.problems[0]!.message).toMatch(/broken\.fdx is not a readable Final Draft file \(line 3\)/);
  });

  it('a board without a script has none, and no problem about it', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot01.png'));
    const board = await openBoard(dir, { cacheDir: tempBoard() });
    expect(board.script).toBeUndefined();
    expect(board.problems).toEqual([]);
  });
});
