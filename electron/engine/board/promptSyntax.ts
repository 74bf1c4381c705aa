// Prompt syntax that image generators understand and CLIP does not: CLIP reads "(knight:1.3)" and
// "<lora:ink:0.8>" as literal tokens, which lowers the score of a caption that describes the frame.
// Handled: A1111/Forge/ComfyUI weights "(word:1.2)", emphasis "((word))", de-emphasis "[word]",
// prompt editing "[from:to:0.5]", alternation "[a|b]", BREAK and AND, extra networks
// "<lora:name:0.8>", NovelAI "{word}" and "1.5::word::", Midjourney "--ar 16:9" and "word::2".
// Escaped brackets "\(" stay as literal brackets.
import type { Frame, PromptSyntaxCleaning } from '../../common/api.ts';

export interface CleanedPrompt {
  text: string;
  /** True when anything was removed or rewritten. */
  changed: boolean;
}

// Escaped characters are parked in the Private Use Area while the syntax is parsed.
const ESCAPES: Record<string, string> = {
  '(': '\uE000',
  ')': '\uE001',
  '[': '\uE002',
  ']': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  ':': '\uE006',
  '\\': '\uE007',
};
const UNESCAPES = new Map(Object.entries(ESCAPES).map(([plain, parked]) => [parked, plain]));

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function isNumber(text: string | undefined): boolean {
  return text !== undefined && NUMBER.test(text);
}

/** Splits at depth-0 separators (the string holds no brackets any more: groups are resolved inside out). */
function resolveGroup(open: string, inner: string): string {
  if (open === '(') {
    const parts = inner.split(':');
    // "(word:1.2)" -> word; a colon in plain text ("(ratio 2:1)") is kept.
    if (parts.length >= 2 && isNumber(parts.at(-1))) return parts.slice(0, -1).join(':');
    return inner;
  }
  if (open === '[') {
    const parts = inner.split(':');
    if (parts.length === 3 && isNumber(parts[2])) {
      // [from:to:when]: the frame ends up showing `to`; [from::when] removes `from` late, so it shows.
      return parts[1]!.trim() ? parts[1]! : parts[0]!;
    }
    if (parts.length === 2 && isNumber(parts[1])) return parts[0]!; // [word:when], added late
    if (inner.includes('|')) return inner.split('|').join(' '); // [a|b] alternates every step: both show
    return inner;
  }
  return inner; // NovelAI {emphasis}
}

/** Resolves bracket groups inside out; an unmatched closer is dropped, an unclosed opener closes at the end. */
function resolveBrackets(text: string): string {
  const stack: { open: string; parts: string[] }[] = [{ open: '', parts: [] }];
  for (const char of text) {
    const top = stack.at(-1)!;
    if (char === '(' || char === '[' || char === '{') {
      stack.push({ open: char, parts: [] });
    } else if (char === ')' || char === ']' || char === '}') {
      if (stack.length > 1 && CLOSER[top.open] === char) {
        stack.pop();
        stack.at(-1)!.parts.push(resolveGroup(top.open, top.parts.join('')));
      }
    } else {
      top.parts.push(char);
    }
  }
  while (stack.length > 1) {
    const top = stack.pop()!;
    stack.at(-1)!.parts.push(resolveGroup(top.open, top.parts.join('')));
  }
  return stack[0]!.parts.join('');
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/ +([,.;])/g, '$1')
    .replace(/,(\s*,)+/g, ',')
    .replace(/,(?=\S)/g, ', ')
    .replace(/^[\s,]+|[\s,]+$/g, '');
}

export function cleanPromptSyntax(text: string): CleanedPrompt {
  let out = text.replace(/\\([()[\]{}:\\])/g, (_, char: string) => ESCAPES[char]!);
  // Midjourney parameters come last: everything from the first " --name" to the end of the line.
  out = out.replace(/(^|[ \t])--[a-z][\w-]*[^\n]*/gi, '$1');
  // Extra networks and embeddings: <lora:name:0.8>, <lyco:...>, <hypernet:...>, embedding:name.
  out = out.replace(/<[a-z_-]+:[^<>]*>/gi, ' ');
  out = out.replace(/\bembedding:[\w.-]+/gi, ' ');
  // NovelAI 4 "1.5::rain::", Midjourney "rain::2": weights around double colons.
  out = out.replace(/[+-]?(\d+\.?\d*|\.\d+)::/g, ' ').replace(/::\s*[+-]?(\d+\.?\d*|\.\d+)?/g, ' ');
  out = out.replace(/\bBREAK\b/g, ',').replace(/(^|\s)AND(?=\s)/g, '$1,');
  out = resolveBrackets(out);
  out = tidy(out).replace(/[\uE000-\uE007]/g, (char) => UNESCAPES.get(char)!);
  return { text: out, changed: out !== text };
}

/** A frame's scored caption: the text CLIP reads, and whether cleaning changed it. */
export interface ScoredCaption {
  /** Null when the frame has no caption. */
  text: string | null;
  cleaned: boolean;
}

/**
 * The caption text to embed for a frame. 'image-metadata' (the default) cleans only captions
 * read from image metadata: a hand-written caption with "(wide shot)" means it literally.
 */
export function captionForScoring(caption: string | null, fromImageMetadata: boolean, mode: PromptSyntaxCleaning): ScoredCaption {
  if (caption === null || !caption.trim()) return { text: null, cleaned: false };
  const clean = mode === 'always' || (mode === 'image-metadata' && fromImageMetadata);
  if (!clean) return { text: caption, cleaned: false };
  const result = cleanPromptSyntax(caption);
  return { text: result.text || caption, cleaned: result.changed };
}

/** The scored caption of a frame under the project's prompt-syntax setting. */
export function scoredCaption(frame: Pick<Frame, 'caption' | 'captionFromImageMetadata'>, mode: PromptSyntaxCleaning): ScoredCaption {
  return captionForScoring(frame.caption, frame.captionFromImageMetadata, mode);
}
