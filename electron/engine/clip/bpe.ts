// Byte-pair encoding as OpenAI's simple_tokenizer.bpe: the last symbol of a word carries '</w>',
// and the lowest-ranked adjacent pair is merged (every occurrence, left to right) until none of
// the pairs is in the merge list.
//
// The reference rescans the whole word after every merge, which is quadratic: a 40,000-letter
// word took 11-29 s. Here the symbols are a linked list over integer ids, and each ranked pair
// keeps the positions where it was seen, with a heap of those ranks: a round takes the lowest rank
// and merges its positions left to right (the reference's pass), and the pairs it creates are
// offered after the round (the reference sees them in its next pass). A word costs about
// O(n log n), and the ids stay exact for any word length: capping the word the merge sees would
// have been cheaper still, but would give ids no reference tokenizer gives.

/** A binary min-heap of merge ranks in a typed array. */
class RankHeap {
  private ranks = new Int32Array(64);
  size = 0;

  push(rank: number): void {
    if (this.size === this.ranks.length) {
      const grown = new Int32Array(this.ranks.length * 2);
      grown.set(this.ranks);
      this.ranks = grown;
    }
    const ranks = this.ranks;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ranks[parent]! <= rank) break;
      ranks[i] = ranks[parent]!;
      i = parent;
    }
    ranks[i] = rank;
  }

  pop(): number {
    const ranks = this.ranks;
    const top = ranks[0]!;
    const last = ranks[--this.size]!;
    const size = this.size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && ranks[right]! < ranks[left]! ? right : left;
      if (ranks[child]! >= last) break;
      ranks[i] = ranks[child]!;
      i = child;
    }
    ranks[i] = last;
    return top;
  }
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/** Rank of each merge rule by its two symbol ids: open addressing over typed arrays, so a lookup
 *  in the hot loop allocates nothing (a Map keyed by a*span+b boxes keys past 2^31). */
class PairRanks {
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly ranks: Int32Array;
  private readonly mask: number;

  constructor(count: number) {
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.firsts = new Int32Array(capacity).fill(-1);
    this.seconds = new Int32Array(capacity);
    this.ranks = new Int32Array(capacity);
  }

  private slot(first: number, second: number): number {
    let i = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77)) & this.mask;
    while (this.firsts[i] !== -1 && (this.firsts[i] !== first || this.seconds[i] !== second)) i = (i + 1) & this.mask;
    return i;
  }

  set(first: number, second: number, rank: number): void {
    const i = this.slot(first, second);
    this.firsts[i] = first;
    this.seconds[i] = second;
    this.ranks[i] = rank;
  }

  /** The rank, or -1 when no rule merges the pair. */
  get(first: number, second: number): number {
    const i = this.slot(first, second);
    return this.firsts[i] === -1 ? -1 : this.ranks[i]!;
  }
}

export class BytePairEncoder {
  // Symbols as integers: a pair is one number, so the hot loop builds no strings.
  private readonly symbolIds = new Map<string, number>();
  private readonly symbolTexts: string[] = [];
  private readonly pairRanks: PairRanks;
  private readonly firstIds: Int32Array;
  private readonly secondIds: Int32Array;
  private readonly mergedIds: Int32Array;
  // Ids of the one-character symbols a word starts from (byte symbols are below U+0200), without
  // and with the end-of-word mark; -1 where no merge rule names the symbol.
  private readonly charIds = new Int32Array(0x200).fill(-1);
  private readonly lastCharIds = new Int32Array(0x200).fill(-1);
  private readonly cache = new Map<string, string[]>();

  constructor(
    merges: ReadonlyArray<readonly [string, string]>,
    private readonly endOfWord: string,
    private readonly maxCacheSize = 100_000,
  ) {
    this.pairRanks = new PairRanks(merges.length);
    this.firstIds = new Int32Array(merges.length);
    this.secondIds = new Int32Array(merges.length);
    this.mergedIds = new Int32Array(merges.length);
    merges.forEach(([a, b], rank) => {
      this.firstIds[rank] = this.intern(a);
      this.secondIds[rank] = this.intern(b);
      this.mergedIds[rank] = this.intern(a + b);
    });
    for (let code = 0; code < 0x200; code++) {
      const char = String.fromCharCode(code);
      this.charIds[code] = this.symbolIds.get(char) ?? -1;
      this.lastCharIds[code] = this.symbolIds.get(char + endOfWord) ?? -1;
    }
    // A later rule for the same pair wins, as in the reference's dict(zip(merges, ranks)).
    merges.forEach((_merge, rank) => this.pairRanks.set(this.firstIds[rank]!, this.secondIds[rank]!, rank));
  }

  private intern(symbol: string): number {
    let id = this.symbolIds.get(symbol);
    if (id === undefined) {
      id = this.symbolTexts.push(symbol) - 1;
      this.symbolIds.set(symbol, id);
    }
    return id;
  }

  /** Splits one pre-token (already in byte symbols) into vocabulary symbols. */
  encodeWord(token: string, final = true): string[] {
    // A word's end mark changes its merges, so a piece without it is cached apart.
    const key = final ? token : `\u0000${token}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const symbols = this.merge(token, final);
    if (this.cache.size >= this.maxCacheSize) this.cache.clear();
    this.cache.set(key, symbols);
    return symbols;
  }

  /** final: the piece ends the word (its last symbol carries the end-of-word mark). */
  private merge(token: string, final: boolean): string[] {
    // Byte symbols are single UTF-16 units, so indexing the string is splitting it into symbols.
    const n = token.length;
    if (n === 0) return [];
    const initial = (i: number) => (final && i === n - 1 ? token[i]! + this.endOfWord : token[i]!);
    // -1: a symbol no merge rule names, which therefore never merges.
    const ids = new Int32Array(n);
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      const code = token.charCodeAt(i);
      const table = final && i === n - 1 ? this.lastCharIds : this.charIds;
      ids[i] = code < 0x200 ? table[code]! : (this.symbolIds.get(initial(i)) ?? -1);
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // The positions where each ranked pair was seen (some stale by now), and a heap of those ranks.
    const seen = new Map<number, number[]>();
    const heap = new RankHeap();
    const offer = (left: number) => {
      const right = next[left]!;
      if (right < 0 || ids[left]! < 0 || ids[right]! < 0) return;
      const rank = this.pairRanks.get(ids[left]!, ids[right]!);
      if (rank < 0) return;
      const positions = seen.get(rank);
      if (positions) positions.push(left);
      else {
        seen.set(rank, [left]);
        heap.push(rank);
      }
    };
    for (let i = 0; i < n - 1; i++) offer(i);

    const merged: number[] = [];
    // The round in which each node last merged, so a pair of two merged nodes is offered once.
    const mergedIn = new Int32Array(n).fill(-1);
    for (let round = 0; heap.size > 0; round++) {
      const rank = heap.pop();
      const positions = seen.get(rank)!;
      seen.delete(rank);
      // Left to right, as the reference's pass over the word.
      if (!isAscending(positions)) positions.sort((x, y) => x - y);
      const first = this.firstIds[rank]!;
      const second = this.secondIds[rank]!;
      merged.length = 0;
      for (const left of positions) {
        const right = next[left]!;
        // A position is stale once either side has merged with something else.
        if (!alive[left] || right < 0 || ids[left] !== first || ids[right] !== second) continue;
        ids[left] = this.mergedIds[rank]!;
        alive[right] = 0;
        const after = next[right]!;
        next[left] = after;
        if (after >= 0) prev[after] = left;
        mergedIn[left] = round;
        merged.push(left);
      }
      // The new pairs wait for the next round, as the reference sees them only in its next pass.
      for (const left of merged) {
        const before = prev[left]!;
        if (before >= 0 && mergedIn[before] !== round) offer(before);
        offer(left);
      }
    }
    const word: string[] = [];
    for (let i = 0; i >= 0; i = next[i]!) word.push(ids[i]! >= 0 ? this.symbolTexts[ids[i]!]! : initial(i));
    return word;
  }
}
