import { describe, expect, it } from 'vitest';
import {
  encodeJsonString,
  endOf,
  items,
  locateJson,
  member,
  memberInsertion,
  stringValue,
} from '../../../electron/engine/board/jsonLocate.ts';

describe('locateJson', () => {
  it('finds the exact span of a nested string value', () => {
    const text = '{\n  "boards": [\n    { "uid": "A", "action": "run \\"fast\\"" }\n  ]\n}';
    const board = items(member(locateJson(text), 'boards'))[0];
    const action = member(board, 'action');
    expect(stringValue(action)).toBe('run "fast"');
    expect(action && text.slice(action.offset, endOf(action))).toBe('"run \\"fast\\""');
  });

  it('rejects what JSON.parse rejects, comments and trailing commas included', () => {
    const bad = [
      '{"a": 1,}',
      '{"a" 1}',
      '[1 2]',
      '{"a": tru}',
      '"\\u12"',
      '{"a": 1} x',
      '{"a": 1 // note\n}',
      '{"a": /* x */ 1}',
      '[1,]',
      '{"a":\u00a01}',
      '{"a": 01}',
      '',
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => locateJson(text)).toThrow();
    }
  });

  it('says where the file stops being JSON', () => {
    expect(() => locateJson('{\n  "a": 1,\n  // a note\n}')).toThrow(/line 3, column 3/);
  });

  it('takes the last of a repeated key, as JSON.parse does', () => {
    // The hand-written locator took the first, so a write-back changed a caption the reader never showed.
    const text = '{"caption": "first", "caption": "second"}';
    const caption = member(locateJson(text), 'caption');
    expect(stringValue(caption)).toBe((JSON.parse(text) as { caption: string }).caption);
    expect(caption?.offset).toBe(text.lastIndexOf('"second"'));
  });

  it('matches keys and values written with escapes, and keeps the raw span', () => {
    const text = '{"capt\\u0069on": "caf\\u00e9 \\ud83c\\udfac", "file": "a\\/b.png"}';
    const root = locateJson(text);
    const caption = member(root, 'caption');
    expect(stringValue(caption)).toBe('café 🎬');
    expect(caption && text.slice(caption.offset, endOf(caption))).toBe('"caf\\u00e9 \\ud83c\\udfac"');
    expect(stringValue(member(root, 'file'))).toBe('a/b.png');
  });

  it('counts offsets from the start of the text when the file has a BOM', () => {
    const text = '\ufeff{"a": "x"}';
    const a = member(locateJson(text), 'a');
    expect(a && text.slice(a.offset, endOf(a))).toBe('"x"');
  });

  it('adds a member with the indentation and colon spacing of its neighbours', () => {
    const text = '{\r\n\t"uid": "A",\r\n\t"number": 1\r\n}';
    const { offset, inserted } = memberInsertion(text, locateJson(text), 'action', '"x"');
    expect(text.slice(0, offset) + inserted + text.slice(offset)).toBe('{\r\n\t"uid": "A",\r\n\t"number": 1,\r\n\t"action": "x"\r\n}');
    const inline = '{"a":1,"b":2}';
    const added = memberInsertion(inline, locateJson(inline), 'c', '3');
    expect(inline.slice(0, added.offset) + added.inserted + inline.slice(added.offset)).toBe('{"a":1,"b":2,"c":3}');
    const empty = '{\n  "shots": [\n    {}\n  ]\n}';
    const object = items(member(locateJson(empty), 'shots'))[0];
    if (!object) throw new Error('object expected');
    const first = memberInsertion(empty, object, 'caption', '"x"');
    expect(JSON.parse(empty.slice(0, first.offset) + first.inserted + empty.slice(first.offset))).toEqual({ shots: [{ caption: 'x' }] });
  });

  it('escapes non-ASCII only in files that do', () => {
    expect(encodeJsonString('Привет', '{"a": "Hallo"}')).toBe('"Привет"');
    expect(encodeJsonString('Привет', '{"a": "caf\\u00e9"}')).toBe('"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442"');
  });
});
