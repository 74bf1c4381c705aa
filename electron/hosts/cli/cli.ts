#!/usr/bin/env node
// `frameproof`: the engine on the command line, for batch and CI use.
import { createInterface } from 'node:readline';
import type { AppErrorData } from '../../common/api.ts';
import { formatTokenCount } from '../../common/units.ts';
import { ENGINE_OPTIONS, parseCommandArgs, threadsOf, usageError } from './args.ts';
import { BOARD_USAGE, boardScoreCommand } from './board.ts';
import { COMPARE_USAGE, compareCommand } from './compare.ts';
import { modelsCommand } from './models.ts';
import { SERVE_USAGE, serveCommand } from '../web/serve.ts';
import { describeError, openLog } from '../../platform/log.ts';
import {
  AppError,
  defaultDataDir,
  formatAppError,
  openModel,
  openTokenizer,
  parseProviderChoice,
  preprocessToFiles,
  scorePair,
  tokenizeTexts,
  type ClipModel,
} from '../../engine/service.ts';

const USAGE = `Usage: frameproof <command> [options]

Commands:
  tokenize [--model DIR | --bpe FILE] --jsonl [--plain]
      Reads one JSON string per line on stdin, writes {"text","ids","ids77","truncated"} per line.
      --plain skips ftfy's text fixing (curly quotes, BOM, mojibake), as CLIP without ftfy.
  preprocess --out-dir DIR [--model DIR] IMAGE...
      Writes DIR/<name>.f32: the CLIP input tensor (float32 little-endian, 3x224x224).
  embed --model DIR [--image PATH]... [--text TEXT]... --json
      Prints L2-normalized image and text embeddings as JSON.
${BOARD_USAGE}
${COMPARE_USAGE}
${SERVE_USAGE}
  score --model DIR --image PATH --text TEXT [--json]
      Prints the CLIP score (cosine) and CLIPScore = 100 * max(cosine, 0).
  models list [--json] | download ID | import DIR [--name NAME] | remove ID     (frameproof models -h)

Model options: --provider auto|cuda|dml|coreml|webgpu|cpu (default auto), --threads N
Exit codes: 0 done, 2 bad input (the message says which file and what to do), 1 internal error.`;

const modelOptions = { model: { type: 'string' }, ...ENGINE_OPTIONS } as const;

async function loadModel(values: { model?: string; provider?: string; threads?: string }): Promise<ClipModel> {
  if (!values.model) throw usageError('--model DIR is required.');
  const model = await openModel(values.model, { provider: parseProviderChoice(values.provider ?? 'auto'), threads: threadsOf(values.threads) });
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

async function tokenizeCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { model: { type: 'string' }, bpe: { type: 'string' }, jsonl: { type: 'boolean' }, plain: { type: 'boolean' } });
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
      throw new AppError('INVALID_ARGUMENT', `stdin line ${lineNumber} is not JSON.`, { fix: 'Write one JSON string per line, e.g. "a photo of a cat".' });
    }
    if (typeof text !== 'string') throw new AppError('INVALID_ARGUMENT', `stdin line ${lineNumber} is not a JSON string.`, { fix: 'Write one JSON string per line.' });
    const [tokens] = tokenizeTexts(tokenizer, [text], !values.plain);
    process.stdout.write(`${JSON.stringify({ text, ids: tokens!.ids, ids77: tokens!.contextIds, truncated: tokens!.truncated })}\n`);
  }
}

async function preprocessCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { 'out-dir': { type: 'string' }, model: { type: 'string' } });
  if (!values['out-dir']) throw usageError('--out-dir DIR is required.');
  if (positionals.length === 0) throw usageError('Name at least one image.');
  for (const file of await preprocessToFiles(positionals, values['out-dir'], values.model)) process.stdout.write(`${file}\n`);
}

async function embedCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, { ...modelOptions, image: { type: 'string', multiple: true }, text: { type: 'string', multiple: true }, json: { type: 'boolean' } });
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

async function scoreCommand(args: string[]): Promise<number | void> {
  // A folder (no --image) scores a whole board.
  if (!args.includes('--image')) return boardScoreCommand(args);
  const { values } = parseCommandArgs(args, { ...modelOptions, image: { type: 'string' }, text: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.image || values.text === undefined) throw usageError('score needs --image PATH and --text TEXT.');
  const model = await loadModel(values);
  try {
    const [image] = await model.embedImages([values.image]);
    if (image!.error) throw AppError.fromData(image!.error);
    const [text] = await model.embedTexts([values.text]);
    const score = scorePair(image!.embedding!, text!.embedding);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...score, truncated: text!.tokens.truncated, tokenCount: text!.tokens.tokenCount, provider: model.provider.used })}\n`);
    } else {
      process.stdout.write(`CLIP score (cosine): ${score.cosine.toFixed(4)}\nCLIPScore: ${score.clipScore.toFixed(2)}\n`);
      if (text!.tokens.truncated) {
        process.stdout.write(`note: the caption has ${formatTokenCount(text!.tokens.tokenCount, text!.tokens.countLimited)} tokens; CLIP read only the first ${text!.tokens.contextLength}.\n`);
      }
      for (const warning of image!.warnings) process.stdout.write(`note: ${warning.message}\n`);
    }
  } finally {
    await model.release();
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<number | void>> = {
  tokenize: tokenizeCommand,
  preprocess: preprocessCommand,
  embed: embedCommand,
  score: scoreCommand,
  models: modelsCommand,
  serve: serveCommand,
  compare: compareCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw usageError(`Unknown command "${command}".`);
    return (await run(args)) ?? 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`frameproof: ${formatAppError(error.toData())}\n`);
      return 2;
    }
    process.stderr.write(`frameproof: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    // A bug, not bad input: worth a line in the log for the report. (AppErrors are the person's to fix.)
    openLog({ dir: defaultDataDir(), process: 'cli' }).error(`frameproof ${command} failed: ${describeError(error)}`);
    return 1;
  }
}

export type { AppErrorData };

process.exitCode = await main(process.argv.slice(2));
