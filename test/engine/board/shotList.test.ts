import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBoard, shotListSpec, shotSizeOf } from '../../../electron/engine/board/index.ts';
import { removeTempBoards, tempBoard, writeImage, writeText } from './helpers.ts';

afterAll(removeTempBoards);

describe('shot sizes as shot lists spell them', () => {
  it.each([
    ['ECU', 'ECU'],
    ['XCU', 'ECU'],
    ['Extreme close-up', 'ECU'],
    ['extreme closeup', 'ECU'],
    ['CU', 'CU'],
    ['Close-up', 'CU'],
    ['close up on Anna', 'CU'],
    ['CLOSEUP', 'CU'],
    ['MCU', 'MCU'],
    ['Medium close-up', 'MCU'],
    ['MS', 'MS'],
    ['Medium', 'MS'],
    ['mid shot', 'MS'],
    ['MWS', 'MWS'],
    ['Medium wide', 'MWS'],
    ['cowboy', 'MWS'],
    ['MLS', 'MWS'],
    ['WS', 'WS'],
    ['Wide', 'WS'],
    ['long shot', 'WS'],
    ['LS', 'WS'],
    ['Full shot', 'WS'],
    ['EWS', 'EWS'],
    ['ELS', 'EWS'],
    ['Extreme wide shot', 'EWS'],
    ['Establishing', 'EWS'],
    ['OTS', 'OTS'],
    ['over-the-shoulder', 'OTS'],
    ['Over the shoulder on Ben', 'OTS'],
  ])('%s is %s', (text, size) => {
    expect(shotSizeOf(text)).toBe(size);
  });

  it.each(['POV', 'insertion', 'two shot', ''])('%j says no size', (text) => {
    expect(shotSizeOf(text)).toBeNull();
  });
});

describe('the shot list columns', () => {
  it('reads Shot Size, INT/EXT and Day/Night whatever their case and spacing', () => {
    const spec = shotListSpec([
      { name: 'Notes', value: 'wide open' },
      { name: 'Shot_Size', value: 'MCU' },
      { name: 'INT/EXT', value: 'Ext.' },
      { name: 'Day/Night', value: 'N' },
    ]);
    expect(spec).toEqual({
      shotSize: { value: 'MCU', column: 'Shot_Size', raw: 'MCU' },
      setting: { value: 'exterior', column: 'INT/EXT', raw: 'Ext.' },
      time: { value: 'night', column: 'Day/Night', raw: 'N' },
    });
  });

  it('Framing and Time, with spelled-out values; unknown values and absent columns say nothing', () => {
    expect(
      shotListSpec([
        { name: 'Framing', value: 'wide shot' },
        { name: 'Time', value: 'Golden hour' },
      ]),
    ).toEqual({
      shotSize: { value: 'WS', column: 'Framing', raw: 'wide shot' },
      time: { value: 'dusk', column: 'Time', raw: 'Golden hour' },
    });
    expect(
      shotListSpec([
        { name: 'Framing', value: 'dutch angle' },
        { name: 'Time', value: 'CONTINUOUS' },
        { name: 'setting', value: 'desert' },
      ]),
    ).toEqual({});
    expect(shotListSpec([])).toEqual({});
  });

  it("arrive from shots.csv as the frame's extra fields", async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'a.png'));
    writeText(join(dir, 'shots.csv'), 'file,caption,Shot Size,INT/EXT,Time\na.png,a rider,EWS,EXT,Night\n');
    const board = await openBoard(dir, { cacheDir: tempBoard() });
    expect(shotListSpec(board.frames[0]!.extra)).toMatchObject({
      shotSize: { value: 'EWS' },
      setting: { value: 'exterior' },
      time: { value: 'night' },
    });
  });
});
