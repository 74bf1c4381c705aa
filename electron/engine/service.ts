// The Engine facade: the only module the hosts (CLI, web host, Electron main) call.
// Two halves: what is here loads with the facade and stays light (no native package until used:
// the tokenizer, providers, the model manager, preprocessing); the board engine, the app session
// and comparisons come from loadBoards(), on first use, so `frameproof models list` or
// `--version` start without the board scanner, scoring, analysis, export and sharp.
import { mkdir } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { ClipScore, ProviderChoice, TextTokens } from '../common/api.ts';
import { writeFileAtomic } from '../platform/atomicWrite.ts';
import { ClipModel, type ImageEmbedding, type ImageEmbedOptions, type ImageSource, type TextEmbedding } from './clip/index.ts';
import { preprocessImage } from './clip/index.ts';
import { CLIP_PREPROCESS, loadPreprocessConfig } from './clip/index.ts';
import { parseProviderChoice, sharpLibrary } from './clip/index.ts';
import { ClipTokenizer } from './clip/index.ts';

export { AppError, formatAppError, isAppError } from '../common/errors.ts';
export type { ClipModel, ImageEmbedding, ImageEmbedOptions, ImageSource, TextEmbedding };
export { parseProviderChoice };

export interface TokenizerSource {
  /** A model folder with tokenizer files. */
  modelDir?: string;
  /** OpenAI's bpe_simple_vocab_16e6.txt.gz (or an uncompressed copy). */
  bpeFile?: string;
}

export function openTokenizer(source: TokenizerSource): ClipTokenizer {
  if (source.modelDir) return ClipTokenizer.fromModelDir(source.modelDir);
  if (source.bpeFile) return ClipTokenizer.fromBpeFile(source.bpeFile);
  throw new Error('openTokenizer needs a model folder or a BPE file');
}

export function tokenizeTexts(tokenizer: ClipTokenizer, texts: readonly string[], fixText = true): TextTokens[] {
  return texts.map((text) => tokenizer.tokenize(text, { fixText }));
}

export interface ModelOptions {
  provider?: ProviderChoice;
  threads?: number;
}

export function openModel(dir: string, options: ModelOptions = {}): Promise<ClipModel> {
  return ClipModel.load(dir, options);
}

export async function scorePair(image: Float32Array, text: Float32Array): Promise<ClipScore> {
  const { captionScore } = await import('./scoring/index.ts');
  return captionScore(image, text);
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  if (endianness() === 'LE') return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const view = new DataView(new ArrayBuffer(values.byteLength));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return new Uint8Array(view.buffer);
}

/**
 * Writes each image's CLIP input tensor to outDir/<name>.f32 (raw little-endian float32, CHW),
 * with the model's preprocessing when a model folder is given. Returns the files written.
 */
export async function preprocessToFiles(images: readonly string[], outDir: string, modelDir?: string): Promise<string[]> {
  const config = modelDir ? loadPreprocessConfig(modelDir) : CLIP_PREPROCESS;
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const image of images) {
    const tensor = new Float32Array(3 * config.cropWidth * config.cropHeight);
    await preprocessImage(image, config, tensor);
    const file = join(outDir, `${basename(image, extname(image))}.f32`);
    await writeFileAtomic(file, littleEndianBytes(tensor));
    written.push(file);
  }
  return written;
}

// Models: catalog, download, import, registry; resolveModelArg turns --model ID|DIR into a folder.
export {
  formatBytes,
  formatDuration,
  loadCatalog,
  ModelManager,
  resolveModelArg,
  type Catalog,
  type DownloadOptions as ModelDownloadOptions,
  type ImportOptions as ModelImportOptions,
  type ModelManagerOptions,
} from './models/index.ts';

// Where Frameproof keeps its own files (the cache, the log): FRAMEPROOF_DATA_DIR or the OS's app-data folder.
export { defaultDataDir } from './store/index.ts';

// Boards: the Engine holds one open board, its model, cache and settings; AppSession is an Engine
// behind the FrameproofApi (the Electron utility process, the web host); compareModels scores one
// board with several models, through the cache, timed apart, side by side.
export type { Engine, EngineOptions, ScoreOptions } from './engine.ts';
export type { AppSession, AppSessionOptions, CompareOptions } from './session/index.ts';

async function importBoards() {
  const [{ Engine }, session, { parseThresholdArgs }, { FRAME_EXTENSIONS }] = await Promise.all([
    import('./engine.ts'),
    import('./session/index.ts'),
    import('./analysis/index.ts'),
    import('./board/index.ts'),
  ]);
  // The board scanner and thumbnails load sharp with their modules: set it up before they use it.
  sharpLibrary();
  return {
    Engine,
    AppSession: session.AppSession,
    parseThresholdArgs,
    // What a board folder holds: the image types read as frames (for a CLI's "no frames found").
    FRAME_EXTENSIONS,
    compareModels: session.compareModels,
    comparisonDocument: session.comparisonDocument,
    comparisonFormatFor: session.comparisonFormatFor,
    COMPARISON_JSON_FORMAT: session.COMPARISON_JSON_FORMAT,
    COMPARISON_JSON_VERSION: session.COMPARISON_JSON_VERSION,
    exportComparison: session.exportComparison,
    formatDeltaMiB: session.formatDeltaMiB,
    formatRate: session.formatRate,
    formatRecall: session.formatRecall,
    formatRho: session.formatRho,
    COMPARISON_MEASURES: session.MEASURES,
    modelKey: session.modelKey,
  };
}

let boards: ReturnType<typeof importBoards> | undefined;

/** The board half of the engine, imported on the first call (about half a second) and then kept. */
export function loadBoards(): ReturnType<typeof importBoards> {
  boards ??= importBoards();
  return boards;
}
