// Where every value sits in a .storyboarder or storyboard.json, so one string can be replaced
// while indentation, key order, number formatting, escapes and line endings stay exactly as the
// writing tool left them. jsonc-parser's parse tree gives each value's offset and length; the
// write-back is then one splice of one range, which is also what undo needs to put back.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type JsonNode = Node;

export interface JsonMember {
  key: JsonNode;
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

function syntaxError(text: string, what: string, offset: number): JsonSyntaxError {
  const { line, column } = lineColumn(text, offset);
  return new JsonSyntaxError(`${what} at line ${line}, column ${column}`, offset);
}

/**
 * The parse tree of a JSON file. What JSON.parse refuses is refused here too (comments, trailing
 * commas, and the Unicode spaces jsonc-parser would skip between tokens): the readers use
 * JSON.parse, and a write-back must not edit a file they would not read.
 */
export function locateJson(text: string): JsonNode {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    JSON.parse(body);
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    throw syntaxError(text, 'Not valid JSON', at ? Number(at[1]) + text.length - body.length : 0);
  }
  const errors: ParseError[] = [];
  // jsonc-parser does not skip a BOM; a space in its place keeps every offset where it is.
  const root = parseTree(body === text ? text : ` ${body}`, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first || !root) throw syntaxError(text, first ? printParseErrorCode(first.error) : 'Empty file', first?.offset ?? 0);
  return root;
}

/** The members of an object node, in file order. */
export function members(node: JsonNode | undefined): JsonMember[] {
  if (node?.type !== 'object') return [];
  const found: JsonMember[] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) found.push({ key, value });
  }
  return found;
}

/** The value of `key`; of a repeated key the last, as JSON.parse (and so the reader) keeps it. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return members(node).findLast((m) => m.key.value === key)?.value;
}

export function items(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  const value: unknown = node?.type === 'string' ? node.value : undefined;
  return typeof value === 'string' ? value : undefined;
}

export const endOf = (node: JsonNode): number => node.offset + node.length;

/** How this file writes strings: some tools escape everything outside ASCII (Python's json.dump). */
export function encodeJsonString(value: string, fileText: string): string {
  const json = JSON.stringify(value);
  const escapesNonAscii =
    /\\u00[89a-f][0-9a-f]|\\u0[1-9a-f][0-9a-f]{2}|\\u[1-9a-f][0-9a-f]{3}/i.test(fileText) && !/[^\x00-\x7f]/.test(fileText);
  if (!escapesNonAscii) return json;
  return json.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The text to insert after the last member of `object` to add `"key": value`, copying the
 * indentation, line break and colon spacing of the member before it. (jsonc-parser's modify()
 * would lay the new member out with its own formatter, and may touch bytes around it.)
 */
export function memberInsertion(text: string, object: JsonNode, key: string, rawValue: string): { offset: number; inserted: string } {
  const all = members(object);
  const last = all.at(-1);
  if (!last) {
    const lineStart = text.lastIndexOf('\n', object.offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    return { offset: object.offset + 1, inserted: `${newline}${indent}  ${JSON.stringify(key)}: ${rawValue}${newline}${indent}` };
  }
  const previous = all.at(-2);
  const gap = text.slice(previous ? endOf(previous.value) : object.offset + 1, last.key.offset);
  const colon = text.slice(endOf(last.key), last.value.offset);
  const lineBreak = gap.lastIndexOf('\n');
  // On one line, the new member gets the spacing the last one has after its comma (or brace).
  const separator = lineBreak >= 0 ? `,${gap.includes('\r\n') ? '\r\n' : '\n'}${gap.slice(lineBreak + 1)}` : `,${gap.replace(/^\s*,/, '')}`;
  return { offset: endOf(last.value), inserted: `${separator}${JSON.stringify(key)}${colon}${rawValue}` };
}
