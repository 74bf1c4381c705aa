// CLIP tokenizer files (slow layout: vocab.json + merges.txt; fast layout: tokenizer.json), derived
// from OpenAI's BPE merges file exactly as CLIP's SimpleTokenizer derives its vocabulary.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BOS_TOKEN_ID, EOS_TOKEN_ID } from './configs.ts';
import { writeFileAtomic } from './files.ts';

export const BOS_TOKEN = '<|startoftext|>';
export const EOS_TOKEN = '<|endoftext|>';
export const END_OF_WORD = '</w>';
/** 49152 - 256 - 2: CLIP keeps only this many merges so the vocabulary is 49408. */
export const MERGE_COUNT = 48894;

/** GPT-2's byte -> printable character table, in its insertion order (which is vocabulary order). */
export function bytesToUnicode(): string[] {
  const bytes: number[] = [];
  const range = (a: string, b: string): void => {
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) bytes.push(c);
  };
  range('!', '~');
  range('\u00a1', '\u00ac');
  range('\u00ae', '\u00ff');
  const chars = bytes.map((b) => String.fromCharCode(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!bytes.includes(b)) {
      bytes.push(b);
      chars.push(String.fromCharCode(256 + extra++));
    }
  }
  return chars;
}

/** Merge pairs: lines 1..MERGE_COUNT after the header of bpe_simple_vocab_16e6.txt.gz. */
export async function readClipMerges(bpePath: string): Promise<[string, string][]> {
  const lines = gunzipSync(await readFile(bpePath))
    .toString('utf8')
    .split('\n');
  const merges = lines.slice(1, MERGE_COUNT + 1).map((line, i): [string, string] => {
    const parts = line.split(' ');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`${bpePath}: bad merge on line ${i + 2}: ${JSON.stringify(line)}`);
    return [parts[0], parts[1]];
  });
  if (merges.length !== MERGE_COUNT) throw new Error(`${bpePath}: expected ${MERGE_COUNT} merges, found ${merges.length}`);
  return merges;
}

/** Token strings indexed by id. */
export function buildClipVocab(merges: readonly (readonly [string, string])[]): string[] {
  const bytes = bytesToUnicode();
  const vocab = [...bytes, ...bytes.map((b) => b + END_OF_WORD), ...merges.map(([a, b]) => a + b), BOS_TOKEN, EOS_TOKEN];
  if (vocab[BOS_TOKEN_ID] !== BOS_TOKEN || vocab[EOS_TOKEN_ID] !== EOS_TOKEN) throw new Error('special token ids are off');
  return vocab;
}

// Built by hand so keys stay in id order (a JS object would hoist digit-only keys like "0").
function vocabJson(vocab: readonly string[]): string {
  return `{${vocab.map((token, id) => `${JSON.stringify(token)}:${id}`).join(',')}}`;
}

function specialToken(id: number, content: string): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true };
}

// Mirrors what transformers' CLIPConverter produces for openai/clip-vit-base-patch32.
function tokenizerJson(vocab: readonly string[], merges: readonly (readonly [string, string])[]): string {
  const head = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [specialToken(BOS_TOKEN_ID, BOS_TOKEN), specialToken(EOS_TOKEN_ID, EOS_TOKEN)],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        {
          type: 'Split',
          pattern: { Regex: "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" },
          behavior: 'Removed',
          invert: true,
        },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [EOS_TOKEN, EOS_TOKEN_ID],
      cls: [BOS_TOKEN, BOS_TOKEN_ID],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  };
  const modelHead = {
    type: 'BPE',
    dropout: null,
    unk_token: EOS_TOKEN,
    continuing_subword_prefix: '',
    end_of_word_suffix: END_OF_WORD,
    fuse_unk: false,
    byte_fallback: false,
  };
  const model = `${JSON.stringify(modelHead).slice(0, -1)},"vocab":${vocabJson(vocab)},"merges":${JSON.stringify(merges.map(([a, b]) => `${a} ${b}`))}}`;
  return `${JSON.stringify(head).slice(0, -1)},"model":${model}}`;
}

export async function writeTokenizerFiles(dir: string, bpePath: string): Promise<void> {
  const merges = await readClipMerges(bpePath);
  const vocab = buildClipVocab(merges);
  const tokenizerConfig = {
    add_prefix_space: false,
    bos_token: BOS_TOKEN,
    clean_up_tokenization_spaces: true,
    do_lower_case: true,
    eos_token: EOS_TOKEN,
    errors: 'replace',
    model_max_length: 77,
    pad_token: EOS_TOKEN,
    tokenizer_class: 'CLIPTokenizer',
    unk_token: EOS_TOKEN,
  };
  const specialTokensMap = { bos_token: BOS_TOKEN, eos_token: EOS_TOKEN, pad_token: EOS_TOKEN, unk_token: EOS_TOKEN };
  await writeFileAtomic(join(dir, 'vocab.json'), vocabJson(vocab));
  await writeFileAtomic(join(dir, 'merges.txt'), `#version: 0.2\n${merges.map(([a, b]) => `${a} ${b}`).join('\n')}\n`);
  await writeFileAtomic(join(dir, 'tokenizer.json'), tokenizerJson(vocab, merges));
  await writeFileAtomic(join(dir, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'special_tokens_map.json'), `${JSON.stringify(specialTokensMap, null, 2)}\n`);
}
