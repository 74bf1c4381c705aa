// Plain words first: what each flag says to a director, as one sentence, and the numbers behind it
// on a details line of their own ("cosine 0.18, board median 0.27, z −2.4"). Built from the
// flag's kind and numbers only, so the detail panel, the CLI and every export say the same thing.
import type { FrameAnalysis, FrameFlag } from './api.ts';
import { LOOK_WORDS } from './looks.ts';
import { formatNumber, formatSigned } from './units.ts';

/** What a sentence may name beyond the flag itself. */
export interface SentenceContext {
  /** The frame's analysis: what its look checks read, which caption fits it better. */
  frame?: Pick<FrameAnalysis, 'looks' | 'bestOther'> | undefined;
  /** The frame's scene, as the board names it. */
  sceneName?: string | undefined;
  /** Another frame's shot label, by id (the swap partner, the neighbour). */
  shotOf?: ((frameId: string) => string | undefined) | undefined;
}

/** A palette difference worth a word (CIELAB units; about four just-noticeable differences). */
const NOTICEABLE = 4;

function shotWord(label: string | undefined): string {
  if (!label) return 'another shot';
  return /^shot\b/i.test(label.trim()) ? label.trim().replace(/^Shot/, 'shot') : `shot ${label}`;
}

function listWords(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function paletteWords(n: Readonly<Record<string, number>>): string[] {
  const words: string[] = [];
  const compare = (value: string, reference: string, more: string, less: string) => {
    const a = n[value];
    const b = n[reference];
    if (a === undefined || b === undefined || Math.abs(a - b) < NOTICEABLE) return;
    words.push(a > b ? more : less);
  };
  compare('lightness', 'referenceLightness', 'lighter', 'darker');
  compare('chroma', 'referenceChroma', 'more colourful', 'more muted');
  compare('contrast', 'referenceContrast', 'more contrasty', 'flatter');
  return words;
}

/** The flag as one sentence a director reads without the numbers. */
export function flagSentence(flag: Pick<FrameFlag, 'kind' | 'numbers' | 'relatedFrameIds'>, context: SentenceContext = {}): string {
  const n = flag.numbers;
  const related = flag.relatedFrameIds[0];
  const relatedShot =
    related === undefined
      ? undefined
      : (context.shotOf?.(related) ?? (context.frame?.bestOther?.frameId === related ? context.frame.bestOther.shot : undefined));
  const scene = context.sceneName ? `scene ${context.sceneName}` : 'its scene';
  switch (flag.kind) {
    case 'caption-drift': {
      const belowLine = n.threshold !== undefined && n.cosine !== undefined && n.cosine < n.threshold;
      const belowBoard = n.z !== undefined && n.zThreshold !== undefined && n.z <= n.zThreshold;
      if (belowLine && belowBoard) return "This frame doesn't show what its caption describes.";
      if (belowLine) return 'This frame fits its caption weakly for this model, though no worse than most frames on this board.';
      return 'This frame fits its caption much less well than the other frames on this board fit theirs.';
    }
    case 'caption-mismatch':
      return `This frame matches ${shotWord(relatedShot)}'s caption better than its own.`;
    case 'caption-swap':
      return `This frame and ${shotWord(relatedShot)} look swapped: each matches the other's caption better.`;
    case 'style-drift':
      return n.sceneZ !== undefined || n.sceneSimilarity !== undefined
        ? `This frame's look differs from the rest of ${scene}.`
        : "This frame's look differs from the rest of the board.";
    case 'style-prompt':
      return "This frame fits the project's style prompt less than the other frames do.";
    case 'palette-drift': {
      const words = paletteWords(n);
      return words.length > 0
        ? `This frame's colours differ from the rest of ${scene}: it is ${listWords(words)}.`
        : `This frame's colours differ from the rest of ${scene}.`;
    }
    case 'continuity':
      if (n.nextSimilarity !== undefined) return 'This frame looks unlike the shots on both sides of it.';
      return relatedShot
        ? `This frame changes suddenly from ${shotWord(relatedShot)} before it.`
        : 'This frame changes suddenly from the shot before it.';
    case 'off-center':
      return 'The subject may sit outside the square CLIP looks at: the whole frame fits the caption better than its center.';
    case 'time-of-day':
    case 'interior-exterior':
    case 'shot-size': {
      const reading = context.frame?.looks.find((r) => r.check === flag.kind);
      if (!reading)
        return flag.kind === 'shot-size'
          ? 'This frame looks framed wider or closer than the shot list says.'
          : "This frame doesn't look like what the script or shot list says.";
      return `${reading.statedBy}, but this frame looks like ${LOOK_WORDS[reading.looks]}.`;
    }
    case 'no-caption':
      return 'This frame has no caption, so nothing could be checked against it.';
    case 'caption-truncated':
      return 'The caption is longer than CLIP reads: its end was not checked.';
    case 'crop-loss':
      return 'CLIP sees only the center square of this frame.';
    case 'transparency':
      return 'Part of this frame is transparent: CLIP sees those pixels as their stored colour, not as the background you see.';
  }
}

type Format = (value: number) => string;
// Every number through common/units.ts: the same minus as the rest of what a person reads.
const two: Format = (v) => formatNumber(v, 2);
const three: Format = (v) => formatNumber(v, 3);
const whole: Format = (v) => formatNumber(v, 0);
const signed: Format = (v) => formatSigned(v, 1);

/** Each number a details line shows, in order: its words and its format. Names not listed are internal (MAD, cut-offs of cut-offs). */
const DETAIL_NUMBERS: readonly [name: string, words: string, format: Format][] = [
  ['cosine', 'cosine', three],
  ['ownCosine', 'own caption', three],
  ['otherCosine', 'other caption', three],
  ['partnerOwnCosine', "partner's own", three],
  ['partnerOtherCosine', 'partner on this caption', three],
  ['gain', 'lead', three],
  ['leadZ', 'lead z', signed],
  ['centerCosine', 'center', three],
  ['fullCosine', 'whole frame', three],
  ['similarity', 'similarity', three],
  ['sceneSimilarity', 'scene similarity', three],
  ['nextSimilarity', 'next similarity', three],
  ['rawCosine', 'raw similarity', three],
  ['distance', 'colour distance', whole],
  ['lightness', 'lightness', whole],
  ['referenceLightness', 'scene lightness', whole],
  ['chroma', 'colourfulness', whole],
  ['referenceChroma', 'scene colourfulness', whole],
  ['day', 'day', two],
  ['night', 'night', two],
  ['dusk', 'dusk', two],
  ['interior', 'interior', two],
  ['exterior', 'exterior', two],
  ['close-up', 'close-up', two],
  ['medium', 'medium', two],
  ['wide', 'wide', two],
  ['tokenCount', 'tokens', whole],
  ['contextLength', 'CLIP reads', whole],
  ['median', 'board median', three],
  ['z', 'z', signed],
  ['sceneZ', 'scene z', signed],
  ['nextZ', 'next z', signed],
  ['threshold', "model's line", three],
];

/** The numbers behind the flag on one line: "cosine 0.182, board median 0.271, z −2.4". Empty when it has none. */
export function flagDetails(flag: Pick<FrameFlag, 'kind' | 'numbers'>): string {
  const n = flag.numbers;
  const parts: string[] = [];
  for (const [name, words, format] of DETAIL_NUMBERS) {
    const value = n[name];
    if (value === undefined) continue;
    // The look checks' threshold is a share of the board's spread, not a cosine.
    if (name === 'threshold' && (flag.kind === 'time-of-day' || flag.kind === 'interior-exterior' || flag.kind === 'shot-size')) continue;
    parts.push(`${words} ${format(value)}`);
  }
  if (n.margin !== undefined && (flag.kind === 'time-of-day' || flag.kind === 'interior-exterior' || flag.kind === 'shot-size'))
    parts.push(`leans the other way by ${two(n.margin)} of the board's spread (line ${two(n.threshold ?? 0)})`);
  return parts.join(', ');
}

/** The sentence and its details in one string, for a table cell or an export column. */
export function flagText(flag: Pick<FrameFlag, 'kind' | 'numbers' | 'relatedFrameIds'>, context: SentenceContext = {}): string {
  const details = flagDetails(flag);
  return details ? `${flagSentence(flag, context)} (${details})` : flagSentence(flag, context);
}
