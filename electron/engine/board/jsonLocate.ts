// A JSON parser that remembers where every value sits in the text, so one string in a
// .storyboarder or storyboard.json can be replaced while indentation, key order, number
// formatting and every other byte stay exactly as the writing tool left them.

export type JsonNode =
  | { type: 'object'; start: number; end: number; members: JsonMember[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number' | 'literal'; start: number; end: number };

export interface JsonMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** 1-based line and column of an offset, for messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function locateJson(text: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i < text.length ? `${what}, found ${JSON.stringify(text[i])}` : `${what}, found the end of the file`, i);
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const parseString = (): { value: string; start: number; end: number } => {
    const start = i;
    if (text[i] !== '"') fail('Expected a string');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('Unescaped control character in a string');
      i++;
    }
    if (i >= text.length) fail('Unterminated string');
    i++;
    return { value: JSON.parse(text.slice(start, i)) as string, start, end: i };
  };
  const parseValue = (depth: number): JsonNode => {
    if (depth > 512) fail('Nested too deeply');
    skipSpace();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      skipSpace();
      if (text[i] === '}') return { type: 'object', start, end: ++i, members };
      for (;;) {
        skipSpace();
        const key = parseString();
        skipSpace();
        if (text[i] !== ':') fail("Expected ':'");
        i++;
        members.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value: parseValue(depth + 1) });
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return { type: 'object', start, end: ++i, members };
        fail("Expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[i] === ']') return { type: 'array', start, end: ++i, items };
      for (;;) {
        items.push(parseValue(depth + 1));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return { type: 'array', start, end: ++i, items };
        fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return { type: 'string', ...parseString() };
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      return { type: 'literal', start, end: i };
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (number) {
      i += number[0].length;
      return { type: 'number', start, end: i };
    }
    return fail('Expected a value');
  };
  const root = parseValue(0);
  skipSpace();
  if (i < text.length) fail('Unexpected text after the end of the JSON');
  return root;
}

export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  return node?.type === 'object' ? node.members.find((m) => m.key === key) : undefined;
}

/** How this file writes strings: some tools escape everything outside ASCII (Python's json.dump). */
export function encodeJsonString(value: string, fileText: string): string {
  const json = JSON.stringify(value);
  const escapesNonAscii = /\\u00[89a-f][0-9a-f]|\\u0[1-9a-f][0-9a-f]{2}|\\u[1-9a-f][0-9a-f]{3}/i.test(fileText) && !/[^\x00-\x7f]/.test(fileText);
  if (!escapesNonAscii) return json;
  return json.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The text to insert after the last member of `object` to add `"key": value`, copying the
 * indentation, line break and colon spacing of the member before it.
 */
export function memberInsertion(text: string, object: Extract<JsonNode, { type: 'object' }>, key: string, rawValue: string): { offset: number; inserted: string } {
  const last = object.members.at(-1);
  if (!last) {
    const lineStart = text.lastIndexOf('\n', object.start) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    return { offset: object.start + 1, inserted: `${newline}${indent}  ${JSON.stringify(key)}: ${rawValue}${newline}${indent}` };
  }
  const previous = object.members.at(-2);
  const gap = text.slice(previous ? previous.value.end : object.start + 1, last.keyStart);
  const colon = text.slice(last.keyEnd, last.value.start);
  const lineBreak = gap.lastIndexOf('\n');
  const separator =
    lineBreak >= 0
      ? `,${gap.includes('\r\n') ? '\r\n' : '\n'}${gap.slice(lineBreak + 1)}`
      : `,${gap.replace(/^\s*,/, '') || ' '}`;
  return { offset: last.value.end, inserted: `${separator}${JSON.stringify(key)}${colon}${rawValue}` };
}
