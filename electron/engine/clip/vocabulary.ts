// Reads a CLIP BPE vocabulary from any of the layouts found in the wild: a model folder's
// tokenizer.json (Hugging Face tokenizers), vocab.json + merges.txt, or OpenAI's
// bpe_simple_vocab_16e6.txt.gz, from which the vocabulary is derived.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../common/errors.ts';
import { byteSymbolsInVocabOrder } from './byteSymbols.ts';

export const START_TOKEN = '<|startoftext|>';
export const END_TOKEN = '<|endoftext|>';
export const END_OF_WORD = '</w>';
/** clip.tokenize's context length; used only when no model config states one. */
export const DEFAULT_CONTEXT_LENGTH = 77;

export interface Vocabulary {
  tokenToId: Map<string, number>;
  merges: Array<[string, string]>;
  startId: number;
  endId: number;
  contextLength: number;
  source: string;
}

function invalid(file: string, message: string): AppError {
  return new AppError('TOKENIZER_INVALID', message, {
    file,
    fix: 'Use the tokenizer files exported with the model (tokenizer.json, or vocab.json + merges.txt).',
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw invalid(file, `Not readable as JSON (${(cause as Error).message}).`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMerge(entry: unknown, file: string): [string, string] {
  // tokenizers writes "a b" strings (older files) or [a, b] pairs (newer files).
  if (typeof entry === 'string') {
    const space = entry.indexOf(' ');
    if (space > 0) return [entry.slice(0, space), entry.slice(space + 1)];
  } else if (Array.isArray(entry) && entry.length === 2 && entry.every((s) => typeof s === 'string')) {
    return [entry[0] as string, entry[1] as string];
  }
  throw invalid(file, `A merge rule is malformed: ${JSON.stringify(entry)}.`);
}

function finish(tokenToId: Map<string, number>, merges: Array<[string, string]>, contextLength: number, source: string): Vocabulary {
  const startId = tokenToId.get(START_TOKEN);
  const endId = tokenToId.get(END_TOKEN);
  const missing = [startId === undefined && START_TOKEN, endId === undefined && END_TOKEN].filter(Boolean);
  if (startId === undefined || endId === undefined) {
    throw invalid(source, `The vocabulary lacks the special tokens ${missing.join(' and ')}; this is not a CLIP tokenizer.`);
  }
  return { tokenToId, merges, startId, endId, contextLength, source };
}

/** OpenAI's merges file: a header line, then merges; the vocabulary is built from them. */
export function loadBpeFile(file: string, contextLength = DEFAULT_CONTEXT_LENGTH): Vocabulary {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', 'The BPE merges file does not exist.', { file });
  let text: string;
  try {
    const raw = readFileSync(file);
    text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  } catch (cause) {
    throw invalid(file, `Not readable as a (gzipped) BPE merges file (${(cause as Error).message}).`);
  }
  const lines = text.split('\n');
  // simple_tokenizer keeps lines 1 .. 49152-256-2: the merges that fit a 49408-token vocabulary.
  const merges = lines.slice(1, 49152 - 256 - 2 + 1).map((line) => parseMerge(line, file));
  const symbols = byteSymbolsInVocabOrder();
  const tokens = [...symbols, ...symbols.map((s) => s + END_OF_WORD), ...merges.map(([a, b]) => a + b), START_TOKEN, END_TOKEN];
  return finish(new Map(tokens.map((token, id) => [token, id])), merges, contextLength, file);
}

function loadTokenizerJson(file: string, contextLength: number): Vocabulary {
  const json = readJson(file);
  const model = isRecord(json) ? json.model : undefined;
  if (!isRecord(model) || model.type !== 'BPE' || !isRecord(model.vocab) || !Array.isArray(model.merges)) {
    throw invalid(file, 'Expected a tokenizers file with a BPE model (model.type "BPE", model.vocab, model.merges).');
  }
  if (model.end_of_word_suffix !== undefined && model.end_of_word_suffix !== END_OF_WORD) {
    throw invalid(file, `The BPE end-of-word suffix is ${JSON.stringify(model.end_of_word_suffix)}, CLIP uses "${END_OF_WORD}".`);
  }
  const tokenToId = new Map<string, number>();
  for (const [token, id] of Object.entries(model.vocab)) {
    if (typeof id !== 'number') throw invalid(file, `The id of ${JSON.stringify(token)} is not a number.`);
    tokenToId.set(token, id);
  }
  const added = isRecord(json) && Array.isArray(json.added_tokens) ? json.added_tokens : [];
  for (const token of added) {
    if (isRecord(token) && typeof token.content === 'string' && typeof token.id === 'number') {
      tokenToId.set(token.content, token.id);
    }
  }
  return finish(
    tokenToId,
    model.merges.map((m) => parseMerge(m, file)),
    contextLength,
    file,
  );
}

function loadVocabAndMerges(vocabFile: string, mergesFile: string, contextLength: number): Vocabulary {
  const vocab = readJson(vocabFile);
  if (!isRecord(vocab)) throw invalid(vocabFile, 'Expected a JSON object from token to id.');
  const tokenToId = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number') throw invalid(vocabFile, `The id of ${JSON.stringify(token)} is not a number.`);
    tokenToId.set(token, id);
  }
  const merges = readFileSync(mergesFile, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('#version'))
    .map((line) => parseMerge(line, mergesFile));
  return finish(tokenToId, merges, contextLength, vocabFile);
}

/** Context length from tokenizer_config.json or config.json, else CLIP's. */
function contextLengthOf(dir: string): number {
  for (const [name, read] of [
    ['tokenizer_config.json', (j: Record<string, unknown>) => j.model_max_length],
    [
      'config.json',
      (j: Record<string, unknown>) => (isRecord(j.text_config) ? j.text_config.max_position_embeddings : j.max_position_embeddings),
    ],
  ] as const) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const json = readJson(file);
    const value = isRecord(json) ? read(json) : undefined;
    // Some exports write model_max_length as 1e30 ("no limit"); only a real limit counts.
    if (typeof value === 'number' && Number.isInteger(value) && value > 2 && value < 100_000) return value;
  }
  return DEFAULT_CONTEXT_LENGTH;
}

export function loadVocabularyFromModelDir(dir: string): Vocabulary {
  const contextLength = contextLengthOf(dir);
  const tokenizerJson = join(dir, 'tokenizer.json');
  if (existsSync(tokenizerJson)) return loadTokenizerJson(tokenizerJson, contextLength);
  const vocabJson = join(dir, 'vocab.json');
  const mergesTxt = join(dir, 'merges.txt');
  if (existsSync(vocabJson) && existsSync(mergesTxt)) return loadVocabAndMerges(vocabJson, mergesTxt, contextLength);
  const bpe = join(dir, 'bpe_simple_vocab_16e6.txt.gz');
  if (existsSync(bpe)) return loadBpeFile(bpe, contextLength);
  throw new AppError('MODEL_FILE_MISSING', 'The model folder has no tokenizer.', {
    file: dir,
    fix: 'Add tokenizer.json, or vocab.json and merges.txt, from the model export.',
  });
}
