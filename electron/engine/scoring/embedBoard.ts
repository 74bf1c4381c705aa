// Embeds a board through the cache: only frames and captions without a cached embedding reach
// the model. Each file is read once, and the bytes that were hashed are the bytes that are
// decoded (for the center crop, the whole of a wide frame and the grid thumbnail), so a frame
// replaced mid-run can never file an embedding under the wrong hash. Hashing of the next chunk
// runs while the model embeds the current one; each finished chunk is reported (onChunk), so
// scores reach the page as they arrive.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type {
  AppErrorData,
  Board,
  Frame,
  FrameWarning,
  PromptSyntaxCleaning,
  ScoreProgress,
  TextTokens,
  WideFrameScoring,
} from '../../common/api.ts';
import { scoredCaption } from '../board/index.ts';
import type { ClipModel } from '../clip/index.ts';
import type { ClipTokenizer } from '../clip/index.ts';
import { prepareImageBatch, type PreparedBatch, type PreprocessConfig, type RawImage } from '../clip/index.ts';
import { AppError, errnoOf, toErrorData } from '../../common/errors.ts';
import type { ImageFacts, Store } from '../store/index.ts';
import { cropPalette } from './palette.ts';
import { ProgressTracker } from './progress.ts';
import { writeThumbnailFromBytes, writeThumbnailFromResized } from './thumbnails.ts';
import { meanEmbedding, planWideFrame } from './wideFrame.ts';

export interface EmbeddingContext {
  /** The model, loaded on the first cache miss with the encoder that miss needs: a board that is all cached never loads it. */
  model: (encoder: 'text' | 'vision') => Promise<ClipModel>;
  /** Whether the model is loaded (without loading it). */
  loadedModel: () => Promise<ClipModel | undefined>;
  /** Read on first use: a run starts opening the image encoder first. */
  tokenizer: () => ClipTokenizer;
  /** Identifies the weights: embeddings of different models never mix. */
  modelId: string;
  /** Identifies the preprocessing: a change re-embeds every image. */
  prepVersion: string;
  /** The model's preprocessing, so a chunk's first images decode while the encoder opens. */
  preprocessConfig?: PreprocessConfig;
  store: Store;
  /** Says which encoder will be needed soon, so it can open behind the work in hand. */
  prepare?: (encoder: 'text' | 'vision') => void;
}

export interface FrameEmbeddings {
  frameId: string;
  imageHash?: string;
  image?: Float32Array;
  facts?: ImageFacts;
  /** The text CLIP reads for this frame's caption (the board's scored caption); null when the frame has none. */
  captionText: string | null;
  /** True when prompt-syntax cleaning changed the caption into captionText. */
  captionCleaned: boolean;
  caption?: Float32Array;
  /** The whole frame (beyond CLIP's center crop), when wide frames are scored. */
  fullFrame?: Float32Array;
  tokens?: TextTokens;
  error?: AppErrorData;
}

export interface EmbedBoardOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScoreProgress) => void;
  /** Which captions have their prompt syntax cleaned before they are embedded (the project setting). */
  promptSyntax?: PromptSyntaxCleaning;
  /** Frames per pipeline chunk; a few encoder batches. */
  chunkSize?: number;
  /** Use what the cache has and run no model: opening a board shows its scores at once. */
  cacheOnly?: boolean;
  /** Also embed the whole of wide frames (square crops averaged, or padded to a square). */
  wideFrames?: WideFrameScoring;
  /** Write the grid thumbnail (scoring/thumbnails.ts) of every frame read to be embedded into this folder. */
  thumbnailDir?: string;
  /** The entries a chunk of images or a batch of captions just completed (the same objects each time). */
  onChunk?: (entries: readonly FrameEmbeddings[]) => void;
}

interface ResolvedFrame {
  frame: Frame;
  hash?: string;
  bytes?: Buffer;
  /** The size and mtime the bytes were read at (the thumbnail's key). */
  stat?: { size: number; mtimeMs: number };
  error?: AppErrorData;
}

interface ResolvedChunk {
  frames: ResolvedFrame[];
  /** The chunk's cached embeddings: one lookup of the hashes the file index knew, one more only for hashes it did not. */
  cached: Map<string, Float32Array>;
}

function errorData(error: unknown, file: string): AppErrorData {
  const code = errnoOf(error);
  if (error instanceof AppError || !code) return toErrorData(error, { code: 'IMAGE_UNREADABLE', file });
  return { code: code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IMAGE_UNREADABLE', message: `The frame cannot be read (${code}).`, file };
}

/** Reads and hashes a frame; the hash is indexed only when the file did not change while read. */
async function readFrame(frame: Frame, before: { size: number; mtimeMs: number }, context: EmbeddingContext): Promise<ResolvedFrame> {
  const startedMs = Date.now();
  const bytes = await readFile(frame.path);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const after = await stat(frame.path);
  const settled = after.size === bytes.length && after.mtimeMs === before.mtimeMs;
  if (settled) context.store.recordFileHash(frame.path, after.size, after.mtimeMs, hash, startedMs);
  return { frame, hash, bytes, ...(settled && { stat: { size: after.size, mtimeMs: after.mtimeMs } }) };
}

/**
 * Hashes through the file index, then one batched cache lookup for the chunk; only frames whose
 * embedding is missing (or whose file changed) are read, and only hashes first seen in reading
 * them are looked up again.
 */
async function resolveChunk(frames: Frame[], context: EmbeddingContext, onMiss?: () => void): Promise<ResolvedChunk> {
  type Stat = { ok: true; size: number; mtimeMs: number } | { ok: false; error: unknown };
  const stats = await Promise.all(
    frames.map((f): Promise<Stat> =>
      stat(f.path).then(
        (s) => ({ ok: true, size: s.size, mtimeMs: s.mtimeMs }),
        (error: unknown) => ({ ok: false, error }),
      ),
    ),
  );
  const known = frames.map((f, i) => {
    const st = stats[i]!;
    return st.ok ? context.store.lookupFileHash(f.path, st.size, st.mtimeMs) : undefined;
  });
  const knownHashes = known.filter((h): h is string => h !== undefined);
  const cached =
    knownHashes.length > 0
      ? context.store.getImageEmbeddings(context.modelId, context.prepVersion, knownHashes)
      : new Map<string, Float32Array>();
  // Before any file is read: the encoder takes a second to open, the reads and hashes go on meanwhile.
  if (onMiss && known.some((hash) => !hash || !cached.has(hash))) onMiss();
  const out: ResolvedFrame[] = new Array(frames.length);
  let next = 0;
  const worker = async () => {
    while (next < frames.length) {
      const i = next++;
      const frame = frames[i]!;
      const st = stats[i]!;
      const hash = known[i];
      if (!st.ok) out[i] = { frame, error: errorData(st.error, frame.path) };
      else if (hash && cached.has(hash)) out[i] = { frame, hash };
      else out[i] = await readFrame(frame, st, context).catch((error: unknown) => ({ frame, error: errorData(error, frame.path) }));
    }
  };
  await Promise.all([worker(), worker()]);
  // A hash the file index did not know (a new or touched file) may still be cached under its content.
  const looked = new Set(knownHashes);
  const fresh = [...new Set(out.flatMap((r) => (r.hash && !looked.has(r.hash) ? [r.hash] : [])))];
  if (fresh.length > 0)
    for (const [hash, vector] of context.store.getImageEmbeddings(context.modelId, context.prepVersion, fresh)) cached.set(hash, vector);
  return { frames: out, cached };
}

interface PlannedChunk extends ResolvedChunk {
  /** The frames whose images go to the encoder: not cached, each picture once. */
  toEmbed: ResolvedFrame[];
  /** The first of them, decoding from the moment the chunk is read. */
  head?: { count: number; batch: Promise<PreparedBatch> };
  /** Each embedded image's palette, from the pixels CLIP sees, while they are decoded. */
  statistics: Map<number, ImageFacts['statistics']>;
  inspect: (index: number, pixels: RawImage, resized?: RawImage) => void;
  /** Grid thumbnails started as CLIP decodes (toEmbed indexes), when the board has them. */
  thumbnails?: { started: Set<number>; pending: Promise<void>[] };
}

/** Frames per decoded head: one CPU batch, ready when the encoder has opened or the chunk before has run. */
const HEAD_FRAMES = 16;

function planChunk(chunk: ResolvedChunk, context: EmbeddingContext, options: EmbedBoardOptions): PlannedChunk {
  // The same picture twice on a board is embedded once.
  const missing = new Map<string, ResolvedFrame>();
  for (const r of chunk.frames) if (r.hash && r.bytes && !chunk.cached.has(r.hash) && !missing.has(r.hash)) missing.set(r.hash, r);
  const toEmbed = [...missing.values()];
  const statistics = new Map<number, ImageFacts['statistics']>();
  const dir = options.cacheOnly ? undefined : options.thumbnailDir;
  const thumbnails = dir ? { started: new Set<number>(), pending: [] as Promise<void>[] } : undefined;
  const inspect = (index: number, pixels: RawImage, resized?: RawImage) => {
    statistics.set(index, cropPalette(pixels));
    const r = toEmbed[index];
    if (!thumbnails || !r?.stat || !r.bytes) return;
    // From CLIP's resize where it is wide enough, else from the bytes; either way while CLIP works.
    const { path } = r.frame;
    const fromBytes = () => writeThumbnailFromBytes(path, r.stat!, r.bytes!, dir!);
    const made = resized
      ? writeThumbnailFromResized(path, r.stat, resized, dir!).then((ok) => (ok ? undefined : fromBytes()))
      : fromBytes();
    thumbnails.started.add(index);
    thumbnails.pending.push(made.catch(() => undefined));
  };
  const planned = { ...chunk, toEmbed, statistics, inspect, ...(thumbnails && { thumbnails }) };
  if (options.cacheOnly || toEmbed.length === 0 || !context.preprocessConfig) return planned;
  const count = Math.min(HEAD_FRAMES, toEmbed.length);
  const sources = toEmbed.slice(0, count).map((r) => ({ name: r.frame.path, bytes: r.bytes! }));
  const batch = prepareImageBatch(sources, context.preprocessConfig, { inspect, keepResized: Boolean(thumbnails) });
  batch.catch(() => undefined); // awaited by embedImages; a model that fails to open never awaits it
  return { ...planned, head: { count, batch } };
}

async function embedImages(
  board: Board,
  context: EmbeddingContext,
  options: EmbedBoardOptions,
  results: Map<string, FrameEmbeddings>,
  beforeFirstChunk: () => void,
): Promise<void> {
  const { modelId, prepVersion, store } = context;
  // A small first chunk, so its scores show early and the second chunk is read meanwhile; then
  // large ones. Each chunk's first images decode as soon as it is read (planChunk).
  const chunkSize = options.chunkSize ?? 256;
  const progress = new ProgressTracker('images', board.frames.length, options.onProgress);
  const chunks: Frame[][] = [];
  for (let i = 0; i < board.frames.length;) {
    const size = i === 0 && options.chunkSize === undefined ? Math.min(32, chunkSize) : chunkSize;
    chunks.push(board.frames.slice(i, i + size));
    i += size;
  }
  const onMiss = options.cacheOnly ? undefined : () => context.prepare?.('vision');
  const start = (c: number) => resolveChunk(chunks[c]!, context, c === 0 ? onMiss : undefined).then((r) => planChunk(r, context, options));
  let pending = chunks.length > 0 ? start(0) : undefined;
  for (let c = 0; c < chunks.length; c++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('Cancelled');
    const { frames: resolved, cached, toEmbed, head, statistics, inspect, thumbnails: fromDecode } = await pending!;
    if (c === 0) beforeFirstChunk();
    pending = c + 1 < chunks.length ? start(c + 1) : undefined;
    const hashes = resolved.flatMap((r) => (r.hash ? [r.hash] : []));
    const facts = hashes.length > 0 ? store.getImageFacts(prepVersion, hashes) : new Map<string, ImageFacts>();
    // Alongside the decode for CLIP: opening a board (cacheOnly) decodes nothing, so makes none.
    // Frames CLIP decodes now give theirs from that decode; the others' are made from their bytes.
    const embedding = new Set(toEmbed);
    const thumbnails = fromDecode
      ? writeThumbnails(
          resolved.filter((r) => !embedding.has(r)),
          options.thumbnailDir!,
        )
      : undefined;
    if (toEmbed.length > 0) context.prepare?.('vision');
    if (c === chunks.length - 1 && !options.cacheOnly) context.prepare?.('text');
    const embedded =
      toEmbed.length === 0 || options.cacheOnly
        ? []
        : await (
            await context.model('vision')
          ).embedImages(
            toEmbed.map((r) => ({ name: r.frame.path, bytes: r.bytes! })),
            { signal: options.signal, inspect, keepResized: Boolean(fromDecode), onProgress: () => undefined, ...(head && { head }) },
          );
    const newEmbeddings: Array<{ hash: string; vector: Float32Array }> = [];
    const newFacts: Array<{ hash: string; facts: ImageFacts }> = [];
    const failed = new Map<string, AppErrorData>();
    embedded.forEach((e, i) => {
      const hash = toEmbed[i]!.hash!;
      if (e.error || !e.embedding) {
        failed.set(hash, e.error ?? { code: 'INFERENCE_FAILED', message: 'No embedding came back.' });
        return;
      }
      cached.set(hash, e.embedding);
      newEmbeddings.push({ hash, vector: e.embedding });
      const f: ImageFacts = { warnings: e.warnings, statistics: statistics.get(i) };
      facts.set(hash, f);
      newFacts.push({ hash, facts: f });
    });
    // Stored per chunk: a cancelled or crashed run keeps everything embedded so far.
    store.putImageEmbeddings(modelId, prepVersion, newEmbeddings);
    store.putImageFacts(prepVersion, newFacts);
    const entries: FrameEmbeddings[] = [];
    for (const r of resolved) {
      const entry = results.get(r.frame.id)!;
      entries.push(entry);
      if (r.error) entry.error = r.error;
      else if (r.hash && failed.has(r.hash)) entry.error = { ...failed.get(r.hash)!, file: r.frame.path };
      else if (r.hash) {
        entry.imageHash = r.hash;
        entry.image = cached.get(r.hash);
        entry.facts = facts.get(r.hash);
      }
    }
    await embedWholeFrames(resolved, context, options, results);
    await thumbnails;
    if (fromDecode) {
      await Promise.all(fromDecode.pending);
      // A frame CLIP could not decode may still make a thumbnail (the thumbnail decode is lenient).
      await writeThumbnails(
        toEmbed.filter((_, i) => !fromDecode.started.has(i)),
        options.thumbnailDir!,
      );
    }
    progress.advance(resolved.length);
    options.onChunk?.(entries);
  }
}

/** Grid thumbnails from the bytes just read; a frame that cannot be made into one simply has none yet. */
async function writeThumbnails(resolved: readonly ResolvedFrame[], dir: string): Promise<void> {
  for (const r of resolved) {
    if (r.bytes && r.stat) await writeThumbnailFromBytes(r.frame.path, r.stat, r.bytes, dir).catch(() => undefined);
  }
}

/** Cached caption embeddings first (one lookup), so frames read from the cache score as their images arrive. */
function cachedCaptions(
  context: EmbeddingContext,
  results: Map<string, FrameEmbeddings>,
): { texts: string[]; cached: Map<string, Float32Array> } {
  const texts = [...new Set([...results.values()].flatMap((r) => (r.captionText ? [r.captionText] : [])))];
  const cached = texts.length > 0 ? context.store.getTextEmbeddings(context.modelId, texts) : new Map<string, Float32Array>();
  for (const entry of results.values()) {
    if (!entry.captionText) continue;
    entry.caption = cached.get(entry.captionText);
    entry.tokens = context.tokenizer().tokenize(entry.captionText);
  }
  return { texts, cached };
}

async function embedCaptions(
  context: EmbeddingContext,
  options: EmbedBoardOptions,
  results: Map<string, FrameEmbeddings>,
  known: { texts: string[]; cached: Map<string, Float32Array> },
): Promise<void> {
  const { modelId, store } = context;
  const { texts, cached } = known;
  const progress = new ProgressTracker('captions', texts.length, options.onProgress);
  progress.advance(cached.size);
  const missing = options.cacheOnly ? [] : texts.filter((t) => !cached.has(t));
  const batch = Math.min(256, options.chunkSize ?? 256);
  // One encoder resident at a time: the image encoder goes before the text encoder comes, which
  // keeps a ViT-B/32 run under 1 GB. It reopens (about a second) when a frame changes.
  // Waits for a model still opening only when captions are to be embedded (opening a board does not wait).
  const loaded = missing.length > 0 ? await context.loadedModel() : undefined;
  if (loaded && !loaded.hasEncoder('text')) await loaded.releaseEncoder('vision');
  const byText = new Map<string, FrameEmbeddings[]>();
  for (const entry of results.values())
    if (entry.captionText) (byText.get(entry.captionText) ?? byText.set(entry.captionText, []).get(entry.captionText)!).push(entry);
  for (let i = 0; i < missing.length; i += batch) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('Cancelled');
    const embedded = await (await context.model('text')).embedTexts(missing.slice(i, i + batch));
    store.putTextEmbeddings(
      modelId,
      embedded.map((e) => ({ text: e.text, vector: e.embedding })),
    );
    const entries: FrameEmbeddings[] = [];
    for (const e of embedded) {
      cached.set(e.text, e.embedding);
      for (const entry of byText.get(e.text) ?? []) {
        entry.caption = e.embedding;
        entries.push(entry);
      }
    }
    progress.advance(embedded.length);
    options.onChunk?.(entries);
  }
}

/**
 * The whole of each wide frame of a chunk: the extra square crops (the center one is the frame's
 * own embedding) averaged, or the frame padded to a square. Cached like any image embedding, under
 * the preprocessing version plus the mode. The bytes read for the center crop are used again;
 * only a frame that came from the cache (its whole not yet embedded) is read here.
 */
async function embedWholeFrames(
  resolved: readonly ResolvedFrame[],
  context: EmbeddingContext,
  options: EmbedBoardOptions,
  results: Map<string, FrameEmbeddings>,
): Promise<void> {
  const mode = options.wideFrames ?? 'center';
  if (mode === 'center') return;
  const version = `${context.prepVersion}|whole-${mode}`;
  const frames = resolved.filter((r) => results.get(r.frame.id)?.image);
  if (frames.length === 0) return;
  const cached = context.store.getImageEmbeddings(
    context.modelId,
    version,
    frames.map((r) => results.get(r.frame.id)!.imageHash!),
  );
  for (const r of frames) {
    const entry = results.get(r.frame.id)!;
    const known = cached.get(entry.imageHash!);
    if (known || options.cacheOnly) {
      entry.fullFrame = known;
      continue;
    }
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('Cancelled');
    let bytes = r.bytes;
    if (!bytes) {
      const read = await readFile(r.frame.path).catch(() => undefined);
      // Changed since it was scored: its next scoring run embeds it whole.
      if (!read || createHash('sha256').update(read).digest('hex') !== entry.imageHash) continue;
      bytes = read;
    }
    const meta = await sharp(bytes).metadata();
    const plan = planWideFrame(meta.width ?? 1, meta.height ?? 1, mode);
    let whole: Float32Array;
    if (plan.extraEmbeddings === 0) whole = entry.image!;
    else if (plan.pad) whole = (await (await context.model('vision')).embedRegions(bytes, [{ kind: 'pad', ...plan.pad }]))[0]!;
    else {
      const extra = plan.crops.filter((_, i) => i !== plan.centerIndex).map((c) => ({ kind: 'crop' as const, ...c }));
      whole = meanEmbedding([entry.image!, ...(await (await context.model('vision')).embedRegions(bytes, extra))]);
    }
    context.store.putImageEmbeddings(context.modelId, version, [{ hash: entry.imageHash!, vector: whole }]);
    cached.set(entry.imageHash!, whole);
    entry.fullFrame = whole;
  }
}

export async function embedBoard(
  board: Board,
  context: EmbeddingContext,
  options: EmbedBoardOptions = {},
): Promise<Map<string, FrameEmbeddings>> {
  const mode = options.promptSyntax ?? 'image-metadata';
  const results = new Map<string, FrameEmbeddings>(
    board.frames.map((frame) => {
      const caption = scoredCaption(frame, mode);
      return [frame.id, { frameId: frame.id, captionText: caption.text, captionCleaned: caption.cleaned }];
    }),
  );
  // Tokenized once the first chunk's cache lookup has started the image encoder opening, so the
  // tokenizer is read meanwhile; before any chunk is reported, so cached captions score at once.
  let captions: ReturnType<typeof cachedCaptions> | undefined;
  const known = () => (captions ??= cachedCaptions(context, results));
  await embedImages(board, context, options, results, known);
  await embedCaptions(context, options, results, known());
  return results;
}

export type { FrameWarning };
