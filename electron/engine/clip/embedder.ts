// A loaded CLIP model: tokenizer, image preprocessing and both encoders, with batched embedding.
// Images are decoded and preprocessed for batch N+1 while the encoder runs batch N.
import type { ProviderReport, TextTokens } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { locateModelFiles, type ModelFiles } from './modelFolder.ts';
import type { TensorData } from './modelSession.ts';
import type { RawImage } from './pilResample.ts';
import { prepareImageBatch, type ImageEmbedding, type ImageSource, type PreparedBatch } from './imageBatch.ts';
import { preprocessRegion, type FrameRegion } from './regions.ts';
import { loadPreprocessConfig, type PreprocessConfig } from './preprocessConfig.ts';
import { providerBatchSizes, providerLabel } from './providers.ts';
import {
  createClipSessions,
  openEncoder,
  type ClipSessions,
  type EncoderKind,
  type EncoderSession,
  type SessionOptions,
} from './session.ts';
import { ClipTokenizer } from './tokenizer.ts';
import { l2Normalize } from './vectors.ts';

export interface LoadOptions extends SessionOptions {
  /**
   * Encoders to open now (default both, which also validates the model). The others open on first
   * use, on the same provider; the Engine opens them as needed to keep one resident at a time.
   */
  open?: readonly EncoderKind[];
  /** The model's tokenizer as the caller keeps it (reading one takes a quarter second). */
  tokenizer?: () => ClipTokenizer;
}

export type { ImageEmbedding, ImageSource };

export interface TextEmbedding {
  text: string;
  embedding: Float32Array;
  tokens: TextTokens;
}

export interface EmbedProgress {
  done: number;
  total: number;
}

export interface ImageEmbedOptions {
  batchSize?: number;
  /** Images decoded at once while a batch is prepared. */
  decodeConcurrency?: number;
  onProgress?: (progress: EmbedProgress) => void;
  /** Sees each decoded image's pixels (what CLIP sees, 8-bit) while they are at hand. */
  inspect?: (index: number, pixels: RawImage, resized?: RawImage) => void;
  /** Hand inspect each image's resized whole too, where it shows what a viewer would (the grid thumbnail). */
  keepResized?: boolean;
  signal?: AbortSignal;
  /**
   * The first `count` sources, already decoding (prepareImageBatch, with the same inspect): a
   * caller starts them while the model opens, so the first batch is ready when it is.
   */
  head?: { count: number; batch: Promise<PreparedBatch> };
}

function integerTensor(type: 'int32' | 'int64', values: readonly number[], dims: readonly number[]): TensorData {
  return type === 'int32' ? { type, data: Int32Array.from(values), dims } : { type, data: BigInt64Array.from(values, BigInt), dims };
}

/** A static vision export takes one image size: it must be the one the preprocessing makes. */
function checkVisionInput(encoder: EncoderSession, config: PreprocessConfig): void {
  const [, channels, height, width] = encoder.inputShape;
  const wrong = (dim: number | string | undefined, want: number) => typeof dim === 'number' && dim > 0 && dim !== want;
  if (wrong(channels, 3) || wrong(height, config.cropHeight) || wrong(width, config.cropWidth)) {
    throw new AppError(
      'MODEL_MISMATCH',
      `The vision model takes images of shape [${encoder.inputShape.join(', ')}], but its preprocessing settings make 3 x ${config.cropHeight} x ${config.cropWidth}.`,
      {
        file: encoder.file,
        fix: 'Use the preprocessor_config.json (or preprocess_cfg.json) exported with this model.',
      },
    );
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('Cancelled');
}

export class ClipModel {
  /** Things the person should know about this run, e.g. a GPU that failed mid-run. */
  readonly notices: string[] = [];
  private cpuFallback: Promise<void> | undefined;

  private constructor(
    readonly files: ModelFiles,
    readonly tokenizer: ClipTokenizer,
    readonly preprocessConfig: PreprocessConfig,
    private sessions: ClipSessions,
    private readonly options: LoadOptions,
  ) {}

  static async load(dir: string, options: LoadOptions = {}): Promise<ClipModel> {
    const files = locateModelFiles(dir);
    // The sessions open in their worker threads while this thread reads the tokenizer and config.
    const opening = createClipSessions(files, options, options.open ?? ['text', 'vision']);
    let tokenizer: ClipTokenizer;
    let preprocessConfig: PreprocessConfig;
    try {
      tokenizer = options.tokenizer?.() ?? ClipTokenizer.fromModelDir(files.dir);
      preprocessConfig = loadPreprocessConfig(files.dir);
    } catch (error) {
      await opening.then((s) => Promise.allSettled([s.text?.session.release(), s.vision?.session.release()])).catch(() => undefined);
      throw error;
    }
    const sessions = await opening;
    try {
      if (sessions.vision) checkVisionInput(sessions.vision, preprocessConfig);
    } catch (error) {
      await Promise.allSettled([sessions.text?.session.release(), sessions.vision?.session.release()]);
      throw error;
    }
    return new ClipModel(files, tokenizer, preprocessConfig, sessions, options);
  }

  private opening: Partial<Record<EncoderKind, Promise<EncoderSession>>> = {};

  /** The encoder, opened on the model's provider if it is not open. */
  private async encoder(kind: EncoderKind): Promise<EncoderSession> {
    const open = this.sessions[kind];
    if (open) return open;
    this.opening[kind] ??= openEncoder(kind, this.sessions.provider.used, this.files, this.options)
      .then(async (opened) => {
        if (kind === 'vision') {
          try {
            checkVisionInput(opened, this.preprocessConfig);
          } catch (error) {
            await opened.session.release();
            throw error;
          }
        }
        return opened;
      })
      .finally(() => delete this.opening[kind]);
    const session = await this.opening[kind]!;
    this.sessions[kind] = session;
    return session;
  }

  /** Opens the encoder now (if it is not open), ahead of its first use. */
  async prepareEncoder(kind: EncoderKind): Promise<void> {
    await this.encoder(kind);
  }

  hasEncoder(kind: EncoderKind): boolean {
    return this.sessions[kind] !== undefined;
  }

  /** Frees an encoder's memory (hundreds of MB for ViT-B/32); it reopens on next use. */
  async releaseEncoder(kind: EncoderKind): Promise<void> {
    const session = this.sessions[kind];
    delete this.sessions[kind];
    await session?.session.release();
  }

  /**
   * A GPU that is lost or out of memory mid-run: reopen both encoders on the CPU and carry on.
   * Batches already embedded are kept; the failed batch is run again.
   */
  private switchToCpu(reason: string): Promise<void> {
    this.cpuFallback ??= (async () => {
      const failed = this.sessions.provider.used;
      const previous = this.sessions;
      const loaded = (['text', 'vision'] as const).filter((k) => previous[k]);
      const cpu = await createClipSessions(this.files, { ...this.options, provider: 'cpu' }, loaded);
      const attempts = [
        ...previous.provider.attempts.filter((a) => a.provider !== 'cpu' && a.provider !== failed),
        { provider: failed, ok: false, reason: `failed during the run: ${reason}` },
        ...cpu.provider.attempts,
      ];
      this.sessions = { ...cpu, provider: { used: 'cpu', attempts } };
      this.notices.push(
        `${providerLabel(failed)} failed during the run (${reason}); the rest ran on the CPU. Nothing scored so far was lost.`,
      );
      await Promise.allSettled(loaded.map((k) => previous[k]!.session.release()));
    })();
    return this.cpuFallback;
  }

  private async runEncoder(kind: 'text' | 'vision', feeds: Record<string, TensorData>, rows: number): Promise<Float32Array[]> {
    try {
      return await this.run(await this.encoder(kind), feeds, rows);
    } catch (error) {
      if (this.sessions.provider.used === 'cpu' || !(error instanceof AppError) || error.code !== 'INFERENCE_FAILED') throw error;
      await this.switchToCpu(String((error.cause as Error)?.message ?? error.message).split('\n')[0]!);
      return this.run(await this.encoder(kind), feeds, rows);
    }
  }

  get provider(): ProviderReport {
    return this.sessions.provider;
  }

  get embeddingSize(): number | undefined {
    return this.sessions.vision?.embeddingSize ?? this.sessions.text?.embeddingSize;
  }

  async release(): Promise<void> {
    await Promise.all([this.releaseEncoder('text'), this.releaseEncoder('vision')]);
  }

  private async run(encoder: EncoderSession, feeds: Record<string, TensorData>, rows: number): Promise<Float32Array[]> {
    let output: TensorData | undefined;
    try {
      const result = await encoder.session.run(feeds);
      output = result[encoder.outputName];
    } catch (error) {
      throw new AppError('INFERENCE_FAILED', `The model failed to run (${String((error as Error).message).split('\n')[0]}).`, {
        file: encoder.file,
        fix: 'Check that the model is a CLIP export; try --provider cpu.',
        cause: error,
      });
    }
    if (!output || output.dims.length !== 2 || output.dims[0] !== rows || !(output.data instanceof Float32Array)) {
      throw new AppError(
        'MODEL_INVALID',
        `The output ${encoder.outputName} has shape [${output?.dims.join(', ')}], expected [${rows}, embedding size] float32.`,
        {
          file: encoder.file,
        },
      );
    }
    const size = output.dims[1]!;
    const data = output.data;
    return Array.from({ length: rows }, (_, r) => l2Normalize(data.subarray(r * size, (r + 1) * size)));
  }

  tokenize(text: string): TextTokens {
    return this.tokenizer.tokenize(text);
  }

  /**
   * Embeds captions; duplicates are encoded once. Order follows the input. A static export gets its
   * fixed length and batch (short batches padded with empty rows); a dynamically quantized one gets
   * one caption per run at its exact length, so no caption depends on another.
   */
  async embedTexts(texts: readonly string[], batchSize = providerBatchSizes(this.provider.used).text): Promise<TextEmbedding[]> {
    // Shortest first: a batch is cut at its longest caption, so captions of one length share a batch.
    const unique = [...new Set(texts)].map((text) => ({ text, tokens: this.tokenizer.tokenize(text) }));
    unique.sort((a, b) => a.tokens.tokenCount - b.tokens.tokenCount);
    const tokens = unique.map((u) => u.tokens);
    const byText = new Map<string, Float32Array>();
    const step = Math.max(1, Math.min(batchSize, (await this.encoder('text')).maxBatch ?? Infinity));
    for (let start = 0; start < unique.length; start += step) {
      const batch = tokens.slice(start, start + step);
      // Causal attention with pooling at the end token: padding past the longest caption of the
      // batch cannot change the result, so sequences are cut there unless the export is static.
      const encoder = await this.encoder('text');
      const length = encoder.fixedLength ?? Math.max(...batch.map((t) => Math.min(t.tokenCount, t.contextLength)));
      const rows = Math.max(batch.length, encoder.fixedBatch ?? 0);
      const ids = new Array<number>(rows * length).fill(0);
      const mask = new Array<number>(rows * length).fill(0);
      batch.forEach((t, row) => {
        for (let i = 0; i < length; i++) {
          ids[row * length + i] = t.contextIds[i] ?? 0;
          mask[row * length + i] = i < t.tokenCount ? 1 : 0;
        }
      });
      const feeds: Record<string, TensorData> = {
        [encoder.inputName]: integerTensor(encoder.inputType === 'int32' ? 'int32' : 'int64', ids, [rows, length]),
      };
      if (encoder.maskName) feeds[encoder.maskName] = integerTensor(encoder.maskType ?? 'int64', mask, [rows, length]);
      const embeddings = await this.runEncoder('text', feeds, rows);
      batch.forEach((_, row) => byText.set(unique[start + row]!.text, embeddings[row]!));
    }
    const tokensOf = new Map(unique.map((u) => [u.text, u.tokens]));
    return texts.map((text) => ({ text, embedding: byText.get(text)!, tokens: tokensOf.get(text)! }));
  }

  /**
   * Runs the vision encoder on `count` preprocessed images, in runs the export allows: at most its
   * maxBatch rows each, padded with blank rows to a fixed batch size.
   */
  private async encodePixels(pixels: Float32Array, count: number): Promise<Float32Array[]> {
    const { cropWidth, cropHeight } = this.preprocessConfig;
    const plane = 3 * cropWidth * cropHeight;
    const step = (await this.encoder('vision')).maxBatch ?? count;
    const out: Float32Array[] = [];
    for (let start = 0; start < count; start += step) {
      const encoder = await this.encoder('vision');
      const used = Math.min(step, count - start);
      const rows = Math.max(used, encoder.fixedBatch ?? 0);
      let data = used === count && rows === count ? pixels : pixels.slice(start * plane, (start + used) * plane);
      if (rows > used) {
        const padded = new Float32Array(rows * plane);
        padded.set(data);
        data = padded;
      }
      const tensor: TensorData = { type: 'float32', data, dims: [rows, 3, cropHeight, cropWidth] };
      out.push(...(await this.runEncoder('vision', { [encoder.inputName]: tensor }, rows)).slice(0, used));
    }
    return out;
  }

  /** Embeds other views of one image (square crops, a padded square): one batch, same order. */
  async embedRegions(bytes: Buffer, regions: readonly FrameRegion[]): Promise<Float32Array[]> {
    if (regions.length === 0) return [];
    const { cropWidth, cropHeight } = this.preprocessConfig;
    const plane = 3 * cropWidth * cropHeight;
    const pixels = new Float32Array(plane * regions.length);
    for (const [i, region] of regions.entries()) await preprocessRegion(bytes, region, this.preprocessConfig, pixels, i * plane);
    return this.encodePixels(pixels, regions.length);
  }

  /**
   * Embeds images in batches. An image that cannot be read carries its error; the rest are
   * embedded. Results follow the input order.
   */
  async embedImages(sources: readonly ImageSource[], options: ImageEmbedOptions = {}): Promise<ImageEmbedding[]> {
    const batchSize = Math.max(1, options.batchSize ?? providerBatchSizes(this.provider.used).image);
    const concurrency = Math.max(1, options.decodeConcurrency ?? 2);
    const out: ImageEmbedding[] = [];
    const head = options.head;
    const starts: number[] = head ? [0] : [];
    for (let i = head?.count ?? 0; i < sources.length; i += batchSize) starts.push(i);
    const prepare = (b: number): Promise<PreparedBatch> => {
      if (b === 0 && head) return head.batch;
      const from = starts[b]!;
      const to = starts[b + 1] ?? sources.length;
      return prepareImageBatch(sources.slice(from, to), this.preprocessConfig, {
        firstIndex: from,
        concurrency,
        inspect: options.inspect,
        keepResized: options.keepResized ?? false,
      });
    };
    let pending = starts.length > 0 ? prepare(0) : undefined;
    for (let b = 0; b < starts.length; b++) {
      throwIfAborted(options.signal);
      const batch = await pending!;
      // Start decoding the next batch before this one goes to the encoder.
      pending = b + 1 < starts.length ? prepare(b + 1) : undefined;
      pending?.catch(() => undefined);
      if (batch.rows.length > 0) {
        const embeddings = await this.encodePixels(batch.pixels, batch.rows.length);
        batch.rows.forEach((resultIndex, row) => (batch.results[resultIndex]!.embedding = embeddings[row]));
      }
      out.push(...batch.results);
      options.onProgress?.({ done: out.length, total: sources.length });
    }
    return out;
  }
}
