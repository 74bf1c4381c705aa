// The commands on one image or caption at a time: tokenize, preprocess, embed, and score --image.
import { createInterface } from 'node:readline';
import { formatNumber, formatTokenCount } from '../../common/units.ts';
import { ENGINE_OPTIONS, parseCommandArgs, threadsOf, usageError } from './args.ts';
import {
  AppError,
  openModel,
  openTokenizer,
  parseProviderChoice,
  preprocessToFiles,
  scorePair,
  tokenizeTexts,
  type ClipModel,
} from '../../engine/service.ts';

const modelOptions = { model: { type: 'string' }, ...ENGINE_OPTIONS } as const;

async function loadModel(values: { model?: string; provider?: string; threads?: string }): Promise<ClipModel> {
  if (!values.model) throw usageError('--model DIR is required.');
  const model = await openModel(values.model, {
    provider: parseProviderChoice(values.provider ?? 'auto'),
    threads: threadsOf(values.threads),
  });
  // A provider that was tried and failed is always worth a line; one absent from this machine
  // only when the person asked for it by name.
  const forced = values.provider !== undefined && values.provider !== 'auto';
  for (const attempt of model.provider.attempts) {
    if (!attempt.ok && (forced || !attempt.skipped)) process.stderr.write(`note: ${attempt.provider} not used: ${attempt.reason}\n`);
  }
  return model;
}

function roundVector(vector: Float32Array): number[] {
  return Array.from(vector, (v) => Number(v.toPrecision(8)));
}

export async function tokenizeCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    model: { type: 'string' },
    bpe: { type: 'string' },
    jsonl: { type: 'boolean' },
    plain: { type: 'boolean' },
  });
  if (!values.jsonl) throw usageError('tokenize reads JSON lines: pass --jsonl.');
  if (!values.model === !values.bpe) throw usageError('Pass exactly one of --model DIR or --bpe FILE.');
  const tokenizer = openTokenizer(values.model ? { modelDir: values.model } : { bpeFile: values.bpe! });
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let text: unknown;
    try {
      text = JSON.parse(line);
    } catch {
      throw new AppError('INVALID_ARGUMENT', `stdin line ${lineNumber} is not JSON.`, {
        fix: 'Write one JSON string per line, e.g. "a photo of a cat".',
      });
    }
    if (typeof text !== 'string')
      throw new AppError('INVALID_ARGUMENT', `stdin line ${lineNumber} is not a JSON string.`, { fix: 'Write one JSON string per line.' });
    const [tokens] = tokenizeTexts(tokenizer, [text], !values.plain);
    process.stdout.write(`${JSON.stringify({ text, ids: tokens!.ids, ids77: tokens!.contextIds, truncated: tokens!.truncated })}\n`);
  }
}

export async function preprocessCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { 'out-dir': { type: 'string' }, model: { type: 'string' } });
  if (!values['out-dir']) throw usageError('--out-dir DIR is required.');
  if (positionals.length === 0) throw usageError('Name at least one image.');
  for (const file of await preprocessToFiles(positionals, values['out-dir'], values.model)) process.stdout.write(`${file}\n`);
}

export async function embedCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    ...modelOptions,
    image: { type: 'string', multiple: true },
    text: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  if (!values.json) throw usageError('embed prints JSON: pass --json.');
  const images = values.image ?? [];
  const texts = values.text ?? [];
  if (images.length === 0 && texts.length === 0) throw usageError('Pass at least one --image PATH or --text TEXT.');
  const model = await loadModel(values);
  try {
    const imageResults = await model.embedImages(images);
    const failed = imageResults.find((r) => r.error);
    if (failed?.error) throw AppError.fromData(failed.error);
    const textResults = await model.embedTexts(texts);
    const output = {
      model: model.files.dir,
      provider: model.provider.used,
      images: imageResults.map((r) => ({ path: r.source, embedding: roundVector(r.embedding!) })),
      texts: textResults.map((r) => ({ text: r.text, embedding: roundVector(r.embedding) })),
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    await model.release();
  }
}

export async function scoreCommand(args: string[]): Promise<number | void> {
  // A folder (no --image) scores a whole board.
  if (!args.includes('--image')) return (await import('./board.ts')).boardScoreCommand(args);
  const { values } = parseCommandArgs(args, {
    ...modelOptions,
    image: { type: 'string' },
    text: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.image || values.text === undefined) throw usageError('score needs --image PATH and --text TEXT.');
  const model = await loadModel(values);
  try {
    const [image] = await model.embedImages([values.image]);
    if (image!.error) throw AppError.fromData(image!.error);
    const [text] = await model.embedTexts([values.text]);
    const score = await scorePair(image!.embedding!, text!.embedding);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...score, truncated: text!.tokens.truncated, tokenCount: text!.tokens.tokenCount, provider: model.provider.used })}\n`,
      );
    } else {
      process.stdout.write(`CLIP score (cosine): ${formatNumber(score.cosine, 4)}\nCLIPScore: ${formatNumber(score.clipScore, 2)}\n`);
      if (text!.tokens.truncated) {
        process.stdout.write(
          `note: the caption has ${formatTokenCount(text!.tokens.tokenCount, text!.tokens.countLimited)} tokens; CLIP read only the first ${text!.tokens.contextLength}.\n`,
        );
      }
      for (const warning of image!.warnings) process.stdout.write(`note: ${warning.message}\n`);
    }
  } finally {
    await model.release();
  }
}
