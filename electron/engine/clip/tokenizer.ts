// CLIP's tokenizer, exact to OpenAI's simple_tokenizer + clip.tokenize(truncate=True).
import type { TextTokens } from '../../common/api.ts';
import { BytePairEncoder } from './bpe.ts';
import { toByteSymbols } from './byteSymbols.ts';
import { normalizeCaption } from './normalize.ts';
import { createPreTokenizer } from './pretokenize.ts';
import { END_OF_WORD, END_TOKEN, START_TOKEN, loadBpeFile, loadVocabularyFromModelDir, type Vocabulary } from './vocabulary.ts';

/** Tokens counted exactly, start and end included; past it a caption is "more than" this many.
 *  CLIP reads 77, so this is only for telling the user how far over a caption runs. */
export const TOKEN_COUNT_LIMIT = 10_000;

/**
 * A word longer than this many byte symbols is merged a piece at a time: BPE merges are local,
 * so only the tokens at a piece's edge (thousands of symbols in, far past the 77 CLIP reads) can
 * differ from merging the whole word, and equal pieces come from the cache. That keeps a
 * 100,000-letter word as cheap as a short caption; its count may be off by a token per piece.
 */
export const WORD_PIECE_SYMBOLS = 4096;

export interface TokenizeOptions {
  /** ftfy's fixes (curly quotes, BOM, ligatures, full-width, mojibake): what CLIP does with ftfy installed. */
  fixText?: boolean;
}

export class ClipTokenizer {
  readonly contextLength: number;
  readonly startId: number;
  readonly endId: number;
  private readonly bpe: BytePairEncoder;
  private readonly preTokenize: (text: string) => Iterable<string>;
  private readonly specials: Map<string, number>;

  constructor(
    private readonly vocabulary: Vocabulary,
    readonly countLimit = TOKEN_COUNT_LIMIT,
  ) {
    this.contextLength = vocabulary.contextLength;
    this.startId = vocabulary.startId;
    this.endId = vocabulary.endId;
    this.bpe = new BytePairEncoder(vocabulary.merges, END_OF_WORD);
    this.specials = new Map([
      [START_TOKEN, vocabulary.startId],
      [END_TOKEN, vocabulary.endId],
    ]);
    this.preTokenize = createPreTokenizer([...this.specials.keys()]);
  }

  static fromModelDir(dir: string): ClipTokenizer {
    return new ClipTokenizer(loadVocabularyFromModelDir(dir));
  }

  static fromBpeFile(file: string): ClipTokenizer {
    return new ClipTokenizer(loadBpeFile(file));
  }

  get source(): string {
    return this.vocabulary.source;
  }

  /** Token ids of the caption without start and end tokens; encoding stops once there are maxIds. */
  encodeBody(text: string, options: TokenizeOptions = {}, maxIds = Infinity): number[] {
    const ids: number[] = [];
    const normalized = normalizeCaption(text, { fixText: options.fixText ?? true });
    for (const token of this.preTokenize(normalized)) {
      if (ids.length >= maxIds) break;
      const special = this.specials.get(token);
      if (special !== undefined) {
        ids.push(special);
        continue;
      }
      const symbols = toByteSymbols(token);
      for (let start = 0; start < symbols.length && ids.length < maxIds; start += WORD_PIECE_SYMBOLS) {
        const end = Math.min(symbols.length, start + WORD_PIECE_SYMBOLS);
        for (const symbol of this.bpe.encodeWord(symbols.slice(start, end), end === symbols.length)) {
          const id = this.vocabulary.tokenToId.get(symbol);
          // Every byte symbol is in a CLIP vocabulary, so only a broken tokenizer file gets here.
          if (id === undefined) throw new Error(`Tokenizer ${this.vocabulary.source} has no id for ${JSON.stringify(symbol)}`);
          ids.push(id);
        }
      }
    }
    if (ids.length > maxIds) ids.length = maxIds;
    return ids;
  }

  tokenize(text: string, options: TokenizeOptions = {}): TextTokens {
    // One body id past the limit is what tells "more than countLimit" from "exactly countLimit".
    const bodyLimit = this.countLimit - 2;
    const body = this.encodeBody(text, options, bodyLimit + 1);
    const countLimited = body.length > bodyLimit;
    if (countLimited) body.length = bodyLimit;
    const ids = [this.startId, ...body, this.endId];
    const n = this.contextLength;
    const contextIds = ids.slice(0, n);
    const truncated = ids.length > n;
    // clip.tokenize(truncate=True) keeps the end token; transformers.js drops it here.
    if (truncated) contextIds[n - 1] = this.endId;
    while (contextIds.length < n) contextIds.push(0);
    return { ids, contextIds, truncated, tokenCount: ids.length, countLimited, contextLength: n };
  }
}
