// Byte-pair encoding as OpenAI's simple_tokenizer.bpe: the last symbol of a word carries '</w>',
// and the lowest-ranked adjacent pair is merged until none of the pairs is in the merge list.
export class BytePairEncoder {
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  constructor(
    merges: ReadonlyArray<readonly [string, string]>,
    private readonly endOfWord: string,
    private readonly maxCacheSize = 100_000,
  ) {
    merges.forEach(([a, b], rank) => this.ranks.set(`${a} ${b}`, rank));
  }

  /** Splits one pre-token (already in byte symbols) into vocabulary symbols. */
  encodeWord(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const symbols = this.merge(token);
    if (this.cache.size >= this.maxCacheSize) this.cache.clear();
    this.cache.set(token, symbols);
    return symbols;
  }

  private merge(token: string): string[] {
    const chars = [...token];
    let word = chars.slice(0, -1);
    word.push(chars[chars.length - 1] + this.endOfWord);
    while (word.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < word.length - 1; i++) {
        const rank = this.ranks.get(`${word[i]} ${word[i + 1]}`);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      const first = word[best]!;
      const second = word[best + 1]!;
      // Merge every occurrence of the pair, left to right, as the reference does.
      const next: string[] = [];
      for (let i = 0; i < word.length; i++) {
        if (word[i] === first && word[i + 1] === second && i < word.length - 1) {
          next.push(first + second);
          i++;
        } else {
          next.push(word[i]!);
        }
      }
      word = next;
    }
    return word;
  }
}
