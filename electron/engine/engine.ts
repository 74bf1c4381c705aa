// The Engine: one open board, its model, cache and settings. Hosts (CLI, web host, Electron's
// utility process) drive it through service.ts; nothing here knows which host it runs in.
import { join } from 'node:path';
import type {
  AnalysisSettings,
  AnalysisThresholds,
  AppErrorData,
  Board,
  BoardAnalysis,
  BoardView,
  CaptionEdit,
  FlagKind,
  FlagLevel,
  Frame,
  ModelSummary,
  ProviderChoice,
  ExportResult,
  ScoreCalibration,
  ScoreProgress,
  TextTokens,
} from '../common/api.ts';
import { acknowledgeFlag, analysisTexts, analyzeScoredBoard, withdrawAcknowledgement, type EmbeddedText } from './analysis/index.ts';
import { boardReviews, withReviews, type ReviewPatch } from './analysis/index.ts';
import { CaptionHistory, captionLabel, swapLabel } from './board/index.ts';
import { frameOnBoard, swapWrites, takeWrite, undoCaptionEdits, writeCaptionsTogether, type CaptionWrite } from './board/index.ts';
import { frameImageFile, openBoard, scoredCaption, withSceneHeadings, writeCaption } from './board/index.ts';
import { ClipModel } from './clip/index.ts';
import { locateModelFiles, type ModelFiles } from './clip/index.ts';
import { loadPreprocessConfig, type PreprocessConfig } from './clip/index.ts';
import { ClipTokenizer } from './clip/index.ts';
import { roomToOpen } from './clip/index.ts';
import { AppError } from '../common/errors.ts';
import { flagLevelOverrides, flagLevelsOf } from '../common/flagLevels.ts';
import { storeNoticeData } from '../common/storeNotices.ts';
import { exportBoard } from './export/index.ts';
import { resolveModelArg } from './models/index.ts';
import { loadSettings, saveSettings } from './project/index.ts';
import { boardScores, type BoardScores } from './scoring/index.ts';
import { embedBoard, type EmbeddingContext, type FrameEmbeddings } from './scoring/index.ts';
import { modelIdentity, preprocessVersion } from './scoring/index.ts';
import { defaultDataDir, openStore, type Store } from './store/index.ts';
import { OwnWrites } from '../platform/ownWrites.ts';
import { nextViewRevision } from './viewRevision.ts';

export interface EngineOptions {
  /** Cache database, composites, thumbnails; default: the OS app-data folder (FRAMEPROOF_DATA_DIR overrides). */
  dataDir?: string;
  /** An installed model id or a model folder; default: the default installed model. */
  model?: string;
  provider?: ProviderChoice;
  threads?: number;
  /**
   * Hears of the database moved aside or replaced, as it happens (a CLI's stderr, the app's
   * notices). The next board view carries the same notice either way.
   */
  onStoreNotice?: (notice: AppErrorData) => void;
  /**
   * The model's score scale when it has none of its own (a model folder or an imported model):
   * what an evaluation measured for a test model. A catalog model's calibration wins over it.
   */
  calibration?: ScoreCalibration;
  /** Write the board grid's thumbnails while scoring reads the frames (the app's hosts; the CLI shows none). */
  gridThumbnails?: boolean;
  /**
   * Embed each caption's parts for its breakdown (default true). The CLI's table shows no
   * breakdown and turns this off: the parts are more texts than the captions. Parts already in
   * the cache are used either way.
   */
  captionBreakdown?: boolean;
}

export interface ScoreOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScoreProgress) => void;
  /**
   * The board as scores arrive, after each chunk of images and batch of captions: new scores,
   * the last analysis (its flags not yet redone). The view scoreBoard returns has the analysis.
   */
  onView?: (view: BoardView) => void;
  /** Frames per scoring chunk (embedBoard's default otherwise). */
  chunkSize?: number;
}

/** analyse: false gives the scores at once and leaves the analysis to the next currentView(). */
export interface ViewOptions {
  analyse?: boolean;
}

export interface EngineStats {
  /** Whole-board analyses run: a frame lookup or a repeated currentView() adds none. */
  analysisRuns: number;
  /** Models started loading (an encoder opening behind other work counts when it starts). */
  modelLoads: number;
}

function memoize<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

interface ModelState {
  files: ModelFiles;
  calibration: ScoreCalibration | null;
  /** Read on first use (a quarter second): a scoring run reads it while the image encoder opens. */
  tokenizer: () => ClipTokenizer;
  id: string;
  config: PreprocessConfig;
  prepVersion: string;
  loaded?: Promise<ClipModel>;
  /** The model once loaded: a view made while it opens does not wait for it. */
  ready?: ClipModel;
}

interface OpenBoard {
  board: Board;
  settings: AnalysisSettings;
  settingsFile: string | null;
  notices: BoardView['notices'];
  embeddings: Map<string, FrameEmbeddings>;
  history: CaptionHistory;
  frameById: Map<string, Board['frames'][number]>;
  /** The analysed view of the board as it is; dropped on every change to what it was computed from. */
  view?: BoardView;
  /** The last analysed view, kept across changes: quick views show its flags until the next analysis. */
  analysed?: BoardView;
}

/** The last analysis with the scores of now: what a view shows until the analysis is redone. */
function withScores(analysis: BoardAnalysis | null | undefined, scores: BoardScores['frames']): BoardAnalysis | null {
  if (!analysis) return null;
  return { ...analysis, frames: analysis.frames.map((f) => ({ ...f, score: scores[f.frameId]?.score ?? null })) };
}

/** Whether any frame has both its image and its caption embedded (what a score needs). */
function anyScoredFrame(embeddings: ReadonlyMap<string, FrameEmbeddings>): boolean {
  for (const e of embeddings.values()) if (e.image && e.caption) return true;
  return false;
}

function unscoredCount(board: Board, embeddings: ReadonlyMap<string, FrameEmbeddings>): number {
  return board.frames.filter((f) => {
    const e = embeddings.get(f.id);
    return !e?.error && (!e?.image || (e.captionText !== null && !e.caption));
  }).length;
}

export class Engine {
  readonly dataDir: string;
  readonly store: Store;
  readonly stats: EngineStats = { analysisRuns: 0, modelLoads: 0 };
  /** Files this engine wrote into the open board: the folder watcher leaves them out. */
  readonly ownWrites = new OwnWrites();
  private model: ModelState | undefined;
  private current: OpenBoard | undefined;
  /** Counts changes to what a view is computed from (board, captions, embeddings, settings, model). */
  private version = 0;
  /** Store notices no view has carried yet: the next view takes them, whichever board it shows. */
  private readonly untold: AppErrorData[] = [];

  // Caption edits, undos and redos one after another: two quick Ctrl+Z must not both take the same
  // history entry before the first has restored its bytes.
  private editing: Promise<unknown> = Promise.resolve();

  private oneEditAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.editing.then(work, work);
    this.editing = run.catch(() => undefined);
    return run;
  }

  constructor(private readonly options: EngineOptions = {}) {
    this.dataDir = options.dataDir ?? defaultDataDir();
    this.store = openStore(join(this.dataDir, 'frameproof.sqlite'), {
      onNotice: (notice) => {
        const data = storeNoticeData(notice);
        this.untold.push(data);
        this.options.onStoreNotice?.(data);
      },
    });
  }

  /** Frees the model's memory and closes the database; await it before loading another model. */
  async close(): Promise<void> {
    const loaded = this.model?.loaded;
    this.model = undefined;
    await loaded?.then((m) => m.release()).catch(() => undefined);
    this.store.close();
  }

  private async modelState(): Promise<ModelState> {
    if (this.model) return this.model;
    const resolved = await resolveModelArg(this.options.model, { dataDir: this.dataDir });
    const files = locateModelFiles(resolved.dir);
    const config = loadPreprocessConfig(files.dir);
    this.model = {
      files,
      calibration: resolved.calibration ?? this.options.calibration ?? null,
      tokenizer: memoize(() => ClipTokenizer.fromModelDir(files.dir)),
      id: await modelIdentity(files),
      config,
      prepVersion: preprocessVersion(config),
    };
    // A view computed without the model (no text checks) is out of date now.
    this.changed();
    return this.model;
  }

  /** Loads the model with the encoder needed first; the other opens when it is first used. */
  private loadModel(state: ModelState, encoder: 'text' | 'vision' = 'text'): Promise<ClipModel> {
    if (!state.loaded) this.stats.modelLoads++;
    state.loaded ??= ClipModel.load(state.files.dir, {
      provider: this.options.provider,
      threads: this.options.threads,
      open: [encoder],
      tokenizer: state.tokenizer,
    }).then((model) => (state.ready = model));
    return state.loaded;
  }

  private async context(): Promise<EmbeddingContext> {
    const state = await this.modelState();
    return {
      model: (encoder) => this.loadModel(state, encoder),
      loadedModel: async () => (state.loaded ? state.loaded.catch(() => undefined) : undefined),
      tokenizer: state.tokenizer,
      modelId: state.id,
      prepVersion: state.prepVersion,
      preprocessConfig: state.config,
      store: this.store,
      prepare: (encoder) => this.prepareEncoder(state, encoder),
    };
  }

  /**
   * Opens an encoder behind the work in hand: the image encoder at the first cache miss (while
   * the rest of the board is hashed), the text encoder during the last image chunk when captions
   * need it and memory allows. A failure waits for the real use, which meets it again.
   */
  private prepareEncoder(state: ModelState, encoder: 'text' | 'vision'): void {
    if (encoder === 'text') {
      const captionsMissing = [...(this.current?.embeddings.values() ?? [])].some((e) => e.captionText && !e.caption);
      if (!captionsMissing || !roomToOpen(state.files.textModel)) return;
    }
    void this.loadModel(state, encoder)
      .then((model) => model.prepareEncoder(encoder))
      .catch(() => undefined);
  }

  private requireBoard(): OpenBoard {
    if (!this.current) throw new AppError('NO_BOARD_OPEN', 'No board is open.', { fix: 'Open a storyboard folder first.' });
    return this.current;
  }

  /** Changes so far: a view computed at one count is of the board as it is while the count stays. */
  get changes(): number {
    return this.version;
  }

  /** Something a view is computed from changed: the kept view is out of date. */
  private changed(): void {
    this.version++;
    if (this.current) this.current.view = undefined;
  }

  /** Where the grid's thumbnails are kept (scoring writes them, the frame server reads them). */
  get thumbnailDir(): string {
    return join(this.dataDir, 'thumbnails');
  }

  private async embed(open: OpenBoard, options: ScoreOptions & { cacheOnly?: boolean }): Promise<void> {
    const context = await this.context();
    const { onView, ...rest } = options;
    // What the board has so far: the last run's entries, replaced as this run completes them.
    const live = new Map(open.embeddings);
    const embeddings = await embedBoard(open.board, context, {
      ...rest,
      promptSyntax: open.settings.cleanPromptSyntax,
      wideFrames: open.settings.wideFrames,
      ...(this.options.gridThumbnails && { thumbnailDir: this.thumbnailDir }),
      ...(onView && {
        onChunk: (entries) => {
          for (const e of entries) live.set(e.frameId, e);
          onView(this.quickView(open, live));
        },
      }),
    });
    open.embeddings = embeddings;
    this.changed();
  }

  private async stylePromptEmbedding(open: OpenBoard, cacheOnly: boolean): Promise<Float32Array | undefined> {
    const prompt = open.settings.stylePrompt;
    if (!prompt) return undefined;
    const state = await this.modelState();
    const cached = this.store.getTextEmbedding(state.id, prompt);
    if (cached || cacheOnly) return cached;
    const [embedded] = await (await this.loadModel(state)).embedTexts([prompt]);
    this.store.putTextEmbeddings(state.id, [{ text: prompt, vector: embedded!.embedding }]);
    return embedded!.embedding;
  }

  /**
   * The look prompts and caption parts the analysis reads, from the text cache; what it lacks is
   * embedded and stored, unless cacheOnly (opening a board runs no inference).
   */
  private async analysisTextEmbeddings(
    board: Board,
    embeddings: ReadonlyMap<string, FrameEmbeddings>,
    cacheOnly: boolean,
  ): Promise<Map<string, EmbeddedText>> {
    const { looks, parts } = analysisTexts(board, embeddings);
    const texts = [...new Set([...looks, ...parts])];
    const state = await this.modelState();
    const cached = this.store.getTextEmbeddings(state.id, texts);
    const wanted = this.options.captionBreakdown === false ? looks : texts;
    const missing = cacheOnly ? [] : wanted.filter((t) => !cached.has(t));
    if (missing.length > 0) {
      const embedded = await (await this.loadModel(state, 'text')).embedTexts(missing);
      this.store.putTextEmbeddings(
        state.id,
        embedded.map((e) => ({ text: e.text, vector: e.embedding })),
      );
      for (const e of embedded) cached.set(e.text, e.embedding);
    }
    const out = new Map<string, EmbeddedText>();
    for (const [text, vector] of cached) out.set(text, { vector, truncated: state.tokenizer().tokenize(text).truncated });
    return out;
  }

  /** The board with the person's scene heading choices applied to its script. */
  private boardWithSettings(open: OpenBoard): { board: Board; notes: string[] } {
    const { board, settings } = open;
    if (!board.script || Object.keys(settings.sceneHeadings).length === 0) return { board, notes: [] };
    const chosen = withSceneHeadings(board.script, board.scenes, settings.sceneHeadings);
    // The scenes named as unmatched on opening may have a heading by now.
    const problems = [...board.problems.filter((p) => p.code !== 'SCRIPT_UNMATCHED'), ...(chosen.problem ? [chosen.problem] : [])];
    return { board: { ...board, script: chosen.script, problems }, notes: chosen.notes };
  }

  private async modelSummary(): Promise<ModelSummary | null> {
    if (!this.model) return null;
    const loaded = this.model.ready;
    return {
      id: this.model.id,
      name: this.model.files.name,
      dir: this.model.files.dir,
      provider: loaded?.provider ?? { used: 'cpu', attempts: [] },
      embeddingSize: loaded?.embeddingSize ?? null,
      notices: loaded?.notices ?? [],
    };
  }

  private async view(open: OpenBoard, cacheOnly: boolean, modelUsable = true): Promise<BoardView> {
    const version = this.version;
    const stylePromptEmbedding = modelUsable ? await this.stylePromptEmbedding(open, cacheOnly) : undefined;
    const model = await this.modelSummary();
    const texts =
      modelUsable && anyScoredFrame(open.embeddings)
        ? await this.analysisTextEmbeddings(this.boardWithSettings(open).board, open.embeddings, cacheOnly)
        : undefined;
    // After the last await: the view is of one state of the board, and is kept as its view.
    // Scoring's numbers, computed once; the analysis reads them.
    const scores = boardScores(open.board, open.embeddings);
    const anyScored = Object.values(scores.frames).some((s) => s.score);
    const { embeddings, settings } = open;
    const { board, notes } = this.boardWithSettings(open);
    const reviewed = boardReviews(board, settings);
    const calibration = this.model?.calibration ?? null;
    let analysis: BoardAnalysis | null = null;
    if (anyScored) {
      this.stats.analysisRuns++;
      analysis = analyzeScoredBoard({
        board,
        embeddings,
        scores,
        settings,
        calibration,
        ...(stylePromptEmbedding && { stylePromptEmbedding }),
        ...(texts && { texts }),
      });
      analysis.notes.push(...notes, ...reviewed.notes);
    }
    const view: BoardView = { ...this.viewFrame(open, board, scores.frames, embeddings, reviewed.reviews), analysis, model };
    // Kept only when nothing changed while it was computed (the awaits above let changes in).
    if (this.version === version) {
      open.view = view;
      open.analysed = view;
    } else open.analysed ??= view;
    return view;
  }

  /** What every view of the open board carries besides its analysis and model. */
  private viewFrame(
    open: OpenBoard,
    board: Board,
    scores: BoardView['scores'],
    embeddings: ReadonlyMap<string, FrameEmbeddings>,
    reviews: BoardView['reviews'] = boardReviews(board, open.settings).reviews,
  ): Omit<BoardView, 'analysis' | 'model'> {
    // After the last store call; kept with the open board, so every later view of it still says what the cache lost.
    open.notices.push(...this.untold.splice(0));
    return {
      board,
      scores,
      settings: open.settings,
      reviews,
      settingsFile: open.settingsFile,
      settingsKeptIn: open.settingsFile ? { kind: 'board-file', file: open.settingsFile } : { kind: 'app-database', file: this.store.file },
      history: open.history.summary(),
      unscored: unscoredCount(board, embeddings),
      notices: open.notices,
      revision: nextViewRevision(),
    };
  }

  /** The scores of these embeddings with the last analysis: no analysis runs. */
  private quickView(open: OpenBoard, embeddings: ReadonlyMap<string, FrameEmbeddings> = open.embeddings): BoardView {
    const scores = boardScores(open.board, embeddings).frames;
    const last = open.analysed;
    return {
      ...this.viewFrame(open, open.board, scores, embeddings),
      analysis: withScores(last?.analysis, scores),
      model: last?.model ?? null,
    };
  }

  /**
   * Loads the text encoder ahead of need (what a caption edit uses), so the first edit is quick.
   * Hosts call it after opening a board; errors surface when the model is really used.
   */
  async prepareModel(): Promise<void> {
    const state = await this.modelState();
    const model = await this.loadModel(state, 'text');
    await model.embedTexts(['']);
  }

  /** Opens a folder and shows what the cache already knows; no inference. */
  async openBoard(folder: string, options: ViewOptions = {}): Promise<BoardView> {
    const board = await openBoard(folder, { cacheDir: join(this.dataDir, 'composites') });
    const loaded = await loadSettings(board.folder, this.store);
    // Reopening the same folder (a change on disk, often our own caption write) keeps undo.
    const same = this.current?.board.folder === board.folder ? this.current : undefined;
    const open: OpenBoard = {
      board,
      settings: loaded.settings,
      settingsFile: loaded.file,
      notices: loaded.problem ? [loaded.problem] : [],
      embeddings: new Map(),
      history: same?.history ?? new CaptionHistory(),
      frameById: new Map(board.frames.map((f) => [f.id, f])),
      // Its flags stay on screen until the reopened board is analysed.
      ...(same?.analysed && { analysed: same.analysed }),
    };
    this.current = open;
    this.changed();
    try {
      await this.embed(open, { cacheOnly: true });
    } catch (error) {
      // No usable model yet: the board still opens, unscored; scoring says what to do.
      if (!(error instanceof AppError)) throw error;
      open.notices.push(error.toData());
      return options.analyse === false ? this.quickView(open) : this.view(open, true, false);
    }
    return options.analyse === false ? this.quickView(open) : this.view(open, true);
  }

  /** Embeds whatever the cache lacks, then analyses the board. */
  async scoreBoard(options: ScoreOptions = {}): Promise<BoardView> {
    const open = this.requireBoard();
    await this.embed(open, options);
    options.onProgress?.({ phase: 'analysis', done: 0, total: 1, ratePerSecond: 0, etaSeconds: null });
    const view = await this.view(open, false);
    options.onProgress?.({ phase: 'analysis', done: 1, total: 1, ratePerSecond: 0, etaSeconds: 0 });
    return view;
  }

  async tokenize(text: string): Promise<TextTokens> {
    return (await this.modelState()).tokenizer().tokenize(text);
  }

  /** The open board's folder, without computing its view. */
  get boardFolder(): string | undefined {
    return this.current?.board.folder;
  }

  /** The real path of a frame's image on the open board, refused when it now leads outside the board. */
  async frameImageFile(frameId: string): Promise<string> {
    const { board, frameById } = this.requireBoard();
    const frame = frameById.get(frameId);
    if (!frame)
      throw new AppError('FRAME_NOT_FOUND', `No frame "${frameId}" on the open board.`, {
        fix: 'Reopen the board; the frame may have been moved or renamed.',
      });
    return frameImageFile(board, frame);
  }

  /** The open board's view: analysed once per change, then the same view until the next change. */
  async currentView(): Promise<BoardView> {
    // Of the board after the caption edits already asked for, never of one half-way through.
    await this.editing;
    const open = this.requireBoard();
    if (open.view) {
      const model = await this.modelSummary();
      return { ...open.view, model, revision: nextViewRevision() };
    }
    return this.view(open, true, this.model !== undefined);
  }

  /** Writes the caption where it came from and rescores that frame only. */
  setCaption(frameId: string, text: string, options: ViewOptions = {}): Promise<BoardView> {
    return this.oneEditAtATime(() => this.writeCaptionNow(frameId, text, options));
  }

  private async writeCaptionNow(frameId: string, text: string, options: ViewOptions): Promise<BoardView> {
    const open = this.requireBoard();
    const edit = await writeCaption(open.board, frameId, text);
    this.recordWrite(open, edit);
    this.replaceFrame(open, edit.frame);
    open.history.record(edit, captionLabel(edit.frame));
    return this.rescoreCaption(open, edit.frame, options);
  }

  private recordWrite(open: OpenBoard, edit: CaptionEdit): void {
    if (edit.target.kind === 'none' || edit.target.kind === 'image-metadata') return;
    this.ownWrites.record(join(open.board.folder, ...edit.target.file.split('/')));
  }

  /** A new caption for one frame: embed that text (cache first) and analyse again; no image work. */
  private async rescoreCaption(open: OpenBoard, frame: Board['frames'][number], options: ViewOptions = {}): Promise<BoardView> {
    if (!open.embeddings.has(frame.id)) return this.scoreBoard();
    await this.embedCaption(open, frame);
    if (options.analyse !== false) return this.view(open, false);
    // The new score now; the analysis (its caption column recomputed, analysis/productMemo.ts) on the next currentView().
    return this.quickView(open);
  }

  /** The frame's new caption embedded (cache first); a frame the board has not embedded yet is left to scoring. */
  private async embedCaption(open: OpenBoard, frame: Frame): Promise<void> {
    const entry = open.embeddings.get(frame.id);
    if (!entry) return;
    const state = await this.modelState();
    const { text, cleaned } = scoredCaption(frame, open.settings.cleanPromptSyntax);
    entry.captionText = text;
    entry.captionCleaned = cleaned;
    entry.caption = undefined;
    entry.tokens = undefined;
    this.changed();
    if (text) {
      let vector = this.store.getTextEmbedding(state.id, text);
      if (!vector) {
        const [embedded] = await (await this.loadModel(state, 'text')).embedTexts([text]);
        vector = embedded!.embedding;
        this.store.putTextEmbeddings(state.id, [{ text, vector }]);
      }
      entry.caption = vector;
      entry.tokens = state.tokenizer().tokenize(text);
      this.changed();
    }
  }

  /**
   * Undoes the board's last caption edit, or with a frame id that frame's own last edit, restoring
   * the file's previous bytes; the edit moves to redo.
   */
  undoCaption(frameId?: string, options: ViewOptions = {}): Promise<BoardView> {
    return this.oneEditAtATime(() => this.undoNow(frameId, options));
  }

  private async undoNow(frameId: string | undefined, options: ViewOptions): Promise<BoardView> {
    const open = this.requireBoard();
    const entry = open.history.nextUndo(frameId);
    if (!entry) {
      const shot = frameId === undefined ? undefined : open.board.frames.find((f) => f.id === frameId);
      throw new AppError(
        'NOTHING_TO_UNDO',
        frameId === undefined
          ? 'There is no caption edit to undo.'
          : `There is no caption edit of ${shot ? `shot ${shot.shot.label}` : frameId} to undo.`,
      );
    }
    const frames = await undoCaptionEdits(open.board, entry.edits);
    for (const edit of entry.edits) this.recordWrite(open, edit);
    for (const frame of frames) this.replaceFrame(open, frame);
    open.history.undone(entry);
    return this.rescoreCaptions(open, frames, options);
  }

  /** Writes the last undone caption edit again. */
  redoCaption(): Promise<BoardView> {
    return this.oneEditAtATime(() => this.redoNow());
  }

  private async redoNow(): Promise<BoardView> {
    const open = this.requireBoard();
    const entry = open.history.nextRedo();
    if (!entry) throw new AppError('NOTHING_TO_REDO', 'There is no undone caption edit to redo.');
    const edits = await this.writeStep(open, entry.edits);
    open.history.redone(entry, edits);
    return this.rescoreCaptions(
      open,
      edits.map((e) => e.frame),
    );
  }

  /** Several captions written as one step (board/captionSteps.ts), the board's frames replaced. */
  private async writeStep(open: OpenBoard, writes: readonly CaptionWrite[]): Promise<CaptionEdit[]> {
    const edits = await writeCaptionsTogether(open.board, writes);
    for (const edit of edits) {
      this.recordWrite(open, edit);
      this.replaceFrame(open, edit.frame);
    }
    return edits;
  }

  /** New captions for some frames: embed those texts (cache first) and analyse again once. */
  private async rescoreCaptions(open: OpenBoard, frames: readonly Frame[], options: ViewOptions = {}): Promise<BoardView> {
    for (const frame of frames.slice(0, -1)) await this.embedCaption(open, frame);
    const last = frames.at(-1);
    return last ? this.rescoreCaption(open, last, options) : this.view(open, false);
  }

  /**
   * Puts a swapped pair right in one step: each frame takes the other's caption, written where
   * each caption came from; one undo takes both back.
   */
  swapCaptions(frameId: string, otherFrameId: string): Promise<BoardView> {
    return this.oneEditAtATime(async () => {
      const open = this.requireBoard();
      const a = frameOnBoard(open.board, frameId);
      const b = frameOnBoard(open.board, otherFrameId);
      const edits = await this.writeStep(open, swapWrites(a, b));
      open.history.record(edits, swapLabel(a, b));
      return this.rescoreCaptions(
        open,
        edits.map((e) => e.frame),
      );
    });
  }

  /**
   * The frame takes another shot's caption: by default the one the analysis found fits it best
   * (FrameAnalysis.bestOther, what a caption-mismatch or swap flag names). One undo step.
   */
  takeCaption(frameId: string, fromFrameId?: string): Promise<BoardView> {
    return this.oneEditAtATime(async () => {
      const open = this.requireBoard();
      const frame = frameOnBoard(open.board, frameId);
      let sourceId = fromFrameId;
      if (sourceId === undefined) {
        const analysis = (await this.view(open, true, this.model !== undefined)).analysis;
        sourceId = analysis?.frames.find((f) => f.frameId === frameId)?.bestOther?.frameId;
        if (!sourceId)
          throw new AppError('INVALID_ARGUMENT', `The analysis has no better caption for shot ${frame.shot.label || frame.id}.`, {
            fix: 'Score the board first, or name the shot to take the caption from.',
          });
      }
      const write = takeWrite(frame, frameOnBoard(open.board, sourceId));
      return this.writeCaptionNow(write.frameId, write.text, {});
    });
  }

  private replaceFrame(open: OpenBoard, frame: Board['frames'][number]): void {
    open.board = { ...open.board, frames: open.board.frames.map((f) => (f.id === frame.id ? frame : f)) };
    open.frameById.set(frame.id, frame);
    this.changed();
  }

  /** Writes the view's shot list; the format follows the file's extension. */
  exportView(view: BoardView, file: string): Promise<ExportResult> {
    return exportBoard(view, file);
  }

  /** Thresholds for this run only (CLI --threshold): the project's saved settings stay as they are. */
  overrideThresholds(thresholds: Partial<AnalysisThresholds>): void {
    const open = this.requireBoard();
    open.settings = { ...open.settings, thresholds: { ...open.settings.thresholds, ...thresholds } };
    this.changed();
  }

  /** Flag levels for this run only (CLI --flag, --preset), in full: the saved settings stay as they are. */
  overrideFlagLevels(levels: Partial<Record<FlagKind, FlagLevel>>): void {
    const open = this.requireBoard();
    open.settings = { ...open.settings, flagLevels: flagLevelOverrides(levels) };
  }

  /** The board's flag levels in force (its settings over the vocabulary's defaults). */
  flagLevels(): Record<FlagKind, FlagLevel> {
    return flagLevelsOf(this.requireBoard().settings.flagLevels);
  }

  /**
   * Saves the settings and shows the board under them from what the cache holds; what they need
   * from the model (a new style prompt, the whole of wide frames) is left to scoreBoard, which the
   * host runs as a job with progress and cancel, so applying settings never waits on inference.
   */
  async updateSettings(change: (settings: AnalysisSettings) => AnalysisSettings): Promise<BoardView> {
    const open = this.requireBoard();
    open.settings = change(open.settings);
    this.changed();
    open.settingsFile = await saveSettings(open.board.folder, open.settings, this.store);
    const modelUsable = await this.embed(open, { cacheOnly: true }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError) return false;
        throw error;
      },
    );
    if (open.settingsFile) this.ownWrites.record(open.settingsFile);
    return this.view(open, true, modelUsable);
  }

  /** A scene's screenplay heading chosen by hand (an index into the script's headings, or null for none); 'auto' matches it again. */
  async setSceneHeading(sceneId: string, headingIndex: number | null | 'auto'): Promise<BoardView> {
    const open = this.requireBoard();
    if (!open.board.script)
      throw new AppError(
        'INVALID_ARGUMENT',
        'The open board has no screenplay (.fountain or .fdx), so its scenes have no headings to choose from.',
        { fix: 'Put the script in the board folder and open the board again.' },
      );
    if (!open.board.scenes.some((s) => s.id === sceneId))
      throw new AppError('INVALID_ARGUMENT', `The open board has no scene "${sceneId}".`, {
        fix: 'Reopen the board; the scene may have been renamed.',
      });
    const count = open.board.script.headings.length;
    if (typeof headingIndex === 'number' && headingIndex >= count) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `${open.board.script.file} has ${count} scene heading${count === 1 ? '' : 's'}; there is no heading ${headingIndex + 1}.`,
        { fix: `Choose a heading from 0 to ${count - 1}, null for none, or 'auto'.` },
      );
    }
    return this.updateSettings((s) => {
      const { [sceneId]: _previous, ...rest } = s.sceneHeadings;
      return { ...s, sceneHeadings: headingIndex === 'auto' ? rest : { ...rest, [sceneId]: headingIndex } };
    });
  }

  acknowledge(frameId: string, kind: FlagKind, acknowledged: boolean, note?: string): Promise<BoardView> {
    return this.updateSettings((s) =>
      acknowledged ? acknowledgeFlag(s, { frameId, kind, ...(note && { note }) }) : withdrawAcknowledgement(s, frameId, kind),
    );
  }

  /** Marks (or unmarks) several flags as intended in one save: a bulk action on a selection. */
  async acknowledgeMany(flags: readonly { frameId: string; kind: FlagKind }[], acknowledged: boolean): Promise<BoardView> {
    const open = this.requireBoard();
    this.assertFrames(
      open,
      flags.map((f) => f.frameId),
    );
    return this.updateSettings((s) =>
      flags.reduce(
        (settings, { frameId, kind }) =>
          acknowledged ? acknowledgeFlag(settings, { frameId, kind }) : withdrawAcknowledgement(settings, frameId, kind),
        s,
      ),
    );
  }

  /** Sets the review status and/or comment of one or more frames, saved with the board's settings. */
  async setReview(frameIds: readonly string[], patch: ReviewPatch): Promise<BoardView> {
    const open = this.requireBoard();
    this.assertFrames(open, frameIds);
    return this.updateSettings((s) => withReviews(s, frameIds, patch));
  }

  /** Every unknown frame id named at once, before anything is saved. */
  private assertFrames(open: OpenBoard, frameIds: readonly string[]): void {
    const known = new Set(open.board.frames.map((f) => f.id));
    const unknown = [...new Set(frameIds)].filter((id) => !known.has(id));
    if (unknown.length === 0) return;
    const shown = unknown
      .slice(0, 5)
      .map((id) => `"${id}"`)
      .join(', ');
    throw new AppError(
      'FRAME_NOT_FOUND',
      `The open board has no frame ${shown}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ''}; nothing was saved.`,
      {
        fix: 'Reopen the board; the frames may have been moved or renamed.',
      },
    );
  }
}
