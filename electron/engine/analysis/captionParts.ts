// A caption split into the parts a person would check one by one: its sentences, their clauses
// (commas, semicolons, dashes, "and", "while"...), and the phrases a clause is made of (a noun
// phrase before its verb, "at sunrise", "in the desert"). Plain rules, no tagger: parts are
// spans of the caption's own text, so what is scored is what the person wrote.

export interface CaptionPartSpan {
  text: string;
  kind: 'sentence' | 'clause' | 'phrase';
}

// Abbreviations whose dot ends no sentence: screenplay prefixes and common titles.
const ABBREVIATIONS = /(?:^|\s)(?:INT|EXT|EST|I\/E|INT\.\/EXT|EXT\.\/INT|Mr|Mrs|Ms|Dr|St|vs|e\.g|i\.e|approx|no)\.$/i;
const CLAUSE_BREAK = /\s*[,;:]\s+|\s+[-\u2013\u2014]+\s+|\s*[\u2013\u2014]\s*|\s+(?:and|but|while|as|then|whereas|with)\s+/gi;
const PREPOSITIONS = [
  'at',
  'in',
  'on',
  'under',
  'over',
  'across',
  'through',
  'near',
  'behind',
  'beside',
  'above',
  'below',
  'against',
  'into',
  'toward',
  'towards',
  'among',
  'beneath',
  'inside',
  'outside',
  'during',
  'before',
  'after',
  'around',
];
const PREPOSITION_BREAK = new RegExp(`\\s+(?=(?:${PREPOSITIONS.join('|')})\\s)`, 'gi');
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'one',
  'two',
  'three',
  'four',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'some',
  'several',
  'this',
  'that',
  'these',
  'those',
]);
const COPULAS = new Set([
  'is',
  'are',
  'was',
  'were',
  'stands',
  'sits',
  'lies',
  'looks',
  'walks',
  'runs',
  'rides',
  'crosses',
  'holds',
  'waits',
  'turns',
  'enters',
  'leaves',
  'stares',
  'watches',
]);
/** Parts shorter than this many words join a neighbour: "drawn" + "in pencil". */
const MIN_WORDS = 2;
/** More parts than this for one caption: the rest merge into the last, so a breakdown stays readable. */
const MAX_PARTS = 8;
/** Sentences of a long caption; past this the last sentence takes the rest. */
const MAX_SENTENCES = 32;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function tidy(text: string): string {
  return text
    .trim()
    .replace(/^[\s,;:.\-\u2013\u2014]+|[\s,;:.!?\-\u2013\u2014]+$/g, '')
    .trim();
}

/** A part as a span of the text it came from, so joined parts keep the words between them. */
interface Span {
  start: number;
  end: number;
}

function spanText(source: string, span: Span): string {
  return tidy(source.slice(span.start, span.end));
}

export function sentencesOf(caption: string): string[] {
  const out: string[] = [];
  let start = 0;
  const ends = /[.!?]+(?=\s+|$)/g;
  for (let m = ends.exec(caption); m; m = ends.exec(caption)) {
    const upTo = caption.slice(start, m.index + m[0].length);
    if (m[0] === '.' && ABBREVIATIONS.test(upTo)) continue;
    out.push(upTo);
    start = m.index + m[0].length;
  }
  out.push(caption.slice(start));
  return out.map(tidy).filter((s) => wordCount(s) > 0);
}

/** The spans between matches of `pattern` within `span`. */
function split(source: string, span: Span, pattern: RegExp): Span[] {
  const out: Span[] = [];
  const text = source.slice(span.start, span.end);
  let from = 0;
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      if (m.index > from) out.push({ start: span.start + from, end: span.start + m.index });
      from = m.index;
      re.lastIndex++;
      continue;
    }
    out.push({ start: span.start + from, end: span.start + m.index });
    from = m.index + m[0].length;
  }
  out.push({ start: span.start + from, end: span.end });
  return out.filter((s) => wordCount(source.slice(s.start, s.end)) > 0);
}

/** "A rider crosses the dunes": the noun phrase before a verb, and the one after it. */
function nounPhrases(source: string, span: Span): Span[] {
  const text = source.slice(span.start, span.end);
  const words = [...text.matchAll(/\S+/g)].map((m) => ({
    word: m[0].toLowerCase().replace(/[^\p{L}']/gu, ''),
    start: span.start + m.index,
    end: span.start + m.index + m[0].length,
  }));
  if (words.length < 4 || !DETERMINERS.has(words[0]!.word)) return [span];
  for (let i = 2; i < Math.min(words.length - 1, 5); i++) {
    const word = words[i]!.word;
    const verbLike = COPULAS.has(word) || (/[^s]s$/.test(word) && DETERMINERS.has(words[i + 1]!.word));
    if (!verbLike) continue;
    const after = DETERMINERS.has(words[i + 1]!.word) ? words[i + 1]!.start : words[i]!.start;
    return [
      { start: span.start, end: words[i - 1]!.end },
      { start: after, end: span.end },
    ];
  }
  return [span];
}

/** Joins parts shorter than MIN_WORDS to a neighbour: the next for a lone first word, else the previous. */
function joinShort(source: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  const words = (s: Span) => wordCount(source.slice(s.start, s.end));
  for (const span of spans) {
    const last = out.at(-1);
    if (last && (words(span) < MIN_WORDS || words(last) < MIN_WORDS)) out[out.length - 1] = { start: last.start, end: span.end };
    else out.push(span);
  }
  return out;
}

function capped(parts: CaptionPartSpan[], max: number): CaptionPartSpan[] {
  if (parts.length <= max) return parts;
  const rest = parts
    .slice(max - 1)
    .map((p) => p.text)
    .join(' ');
  return [...parts.slice(0, max - 1), { text: rest, kind: parts[max - 1]!.kind }];
}

/**
 * The parts of a caption. A caption over the model's context (`long`) is scored sentence by
 * sentence, so no sentence goes unread; a shorter one is split into clauses and phrases. A
 * caption that does not split is its own single part.
 */
export function captionParts(caption: string, long = false): CaptionPartSpan[] {
  const sentences = sentencesOf(caption);
  if (long)
    return capped(
      sentences.map((text) => ({ text, kind: 'sentence' as const })),
      MAX_SENTENCES,
    );
  const parts: CaptionPartSpan[] = [];
  for (const sentence of sentences) {
    const whole = { start: 0, end: sentence.length };
    const clauses = joinShort(sentence, split(sentence, whole, CLAUSE_BREAK));
    for (const clause of clauses) {
      const phrases = joinShort(
        sentence,
        split(sentence, clause, PREPOSITION_BREAK).flatMap((s) => nounPhrases(sentence, s)),
      );
      const kind = phrases.length > 1 ? 'phrase' : clauses.length > 1 ? 'clause' : 'sentence';
      for (const span of phrases) parts.push({ text: spanText(sentence, span), kind });
    }
  }
  const unique = parts.filter((p, i) => p.text && parts.findIndex((q) => q.text.toLowerCase() === p.text.toLowerCase()) === i);
  return capped(unique, MAX_PARTS);
}
