import { describe, expect, it } from 'vitest';
import { encodeJsonString, locateJson, member, memberInsertion } from '../../../electron/engine/board/jsonLocate.ts';

describe('locateJson', () => {
  it('finds the exact span of a nested string value', () => {
    const text = '{\n  "boards": [\n    { "uid": "A", "action": "run \\"fast\\"" }\n  ]\n}';
    const boards = member(locateJson(text), 'boards')?.value;
    const board = boards?.type === 'array' ? boards.items[0] : undefined;
    const action = member(board, 'action')?.value;
    expect(action?.type === 'string' && action.value).toBe('run "fast"');
    expect(action && text.slice(action.start, action.end)).toBe('"run \\"fast\\""');
  });

  it('rejects what JSON.parse rejects', () => {
    for (const bad of ['{"a": 1,}', '{"a" 1}', '[1 2]', '{"a": tru}', '"\\u12"', '{"a": 1} x']) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(() => locateJson(bad)).toThrow();
    }
  });

  it('adds a member with the indentation and colon spacing of its neighbours', () => {
    const text = '{\r\n\t"uid": "A",\r\n\t"number": 1\r\n}';
    const root = locateJson(text);
    if (root.type !== 'object') throw new Error('object expected');
    const { offset, inserted } = memberInsertion(text, root, 'action', '"x"');
    expect(text.slice(0, offset) + inserted + text.slice(offset)).toBe('{\r\n\t"uid": "A",\r\n\t"number": 1,\r\n\t"action": "x"\r\n}');
    const inline = '{"a":1,"b":2}';
    const inlineRoot = locateJson(inline);
    if (inlineRoot.type !== 'object') throw new Error('object expected');
    const added = memberInsertion(inline, inlineRoot, 'c', '3');
    expect(JSON.parse(inline.slice(0, added.offset) + added.inserted + inline.slice(added.offset))).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('escapes non-ASCII only in files that do', () => {
    expect(encodeJsonString('Привет', '{"a": "Hallo"}')).toBe('"Привет"');
    expect(encodeJsonString('Привет', '{"a": "caf\\u00e9"}')).toBe('"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442"');
  });
});
