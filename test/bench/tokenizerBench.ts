// The tokenizer on hostile captions: 100,000 characters of one shape each. Counting must stay cheap
// for any input, since the web host counts tokens on its event loop as the user types.
import { pathToFileURL } from 'node:url';
import { formatTokenCount } from '../../electron/common/units.ts';
import { ClipTokenizer } from '../../electron/engine/clip/tokenizer.ts';
import { loadBpeFile } from '../../electron/engine/clip/vocabulary.ts';
import { BPE_FILE } from '../paths.ts';
import { median, row } from './stats.ts';

const LENGTH = 100_000;

function seededLetters(length: number): string {
  let seed = 12345;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(97 + (seed % 26));
  }
  return out;
}

/** Each shape stretched to LENGTH UTF-16 units. */
export function worstCaseCaptions(): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
  return {
    'one word, one letter': fill('a'),
    'one word, random letters': seededLetters(LENGTH),
    'many words': fill('storyboard frame '),
    digits: fill('7'),
    punctuation: fill('!?'),
    emoji: fill('\u{1f642}'),
    CJK: fill('\u6f22\u5b57'),
    'mojibake lead bytes': fill('\u00c3'),
    'whitespace inside': `a${' '.repeat(LENGTH - 2)}b`,
    'HTML entities': fill('&amp;'),
  };
}

export function benchTokenizerWorstCase(runs = 5): void {
  const vocabulary = loadBpeFile(BPE_FILE);
  let worst = 0;
  let worstCpu = 0;
  for (const [shape, text] of Object.entries(worstCaseCaptions())) {
    const times: number[] = [];
    // CPU time too: on a shared machine the wall clock also counts other processes' turns.
    const cpuTimes: number[] = [];
    let count = '';
    for (let i = 0; i < runs; i++) {
      const tokenizer = new ClipTokenizer(vocabulary); // a cold BPE cache each run
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const tokens = tokenizer.tokenize(text);
      times.push(performance.now() - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      count = `${formatTokenCount(tokens.tokenCount, tokens.countLimited)} tokens`;
    }
    worst = Math.max(worst, median(times));
    worstCpu = Math.max(worstCpu, median(cpuTimes));
    row(`  ${shape}`, `${median(times).toFixed(1)} ms`, `${median(cpuTimes).toFixed(1)} ms CPU; ${count}`);
  }
  row(
    `tokenizer worst case: ${LENGTH.toLocaleString('en-US')}-character caption`,
    `${worst.toFixed(1)} ms`,
    `${worstCpu.toFixed(1)} ms CPU; slowest shape above; target < 50 ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) benchTokenizerWorstCase();
