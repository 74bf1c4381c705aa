// The Engine: one open board, its model, cache and settings. Hosts (CLI, web host, Electron's
// utility process) drive it through service.ts; nothing here knows which host it runs in.
import { join } from 'node:path';
import type {
  AnalysisSettings,
  AnalysisThresholds,
  AppErrorData,
  Board,
  BoardView,
  CaptionEdit,
  FlagKind,
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
import { loadPreprocessConfig } from './clip/index.ts';
import { ClipTokenizer } from './clip/index.ts';
import { roomToOpen } from './clip/index.ts';
import { AppError } from '../common/errors.ts';
import { storeNoticeData } from '../common/storeNotices.ts';
import { exportBoard } from './export/index.ts';
import { resolveModelArg } from './models/index.ts';
import { loadSettings, saveSettings } from './project/index.ts';
import { boardScores } from './scoring/index.ts';
import { embedBoard, type EmbeddingContext, type FrameEmbeddings } from './scoring/index.ts';
import { modelIdentity, preprocessVersion } from './scoring/index.ts';
import { defaultDataDir, openStore, type Store } from './store/index.ts';

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
}

export interface ScoreOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScoreProgress) => void;
}

interface ModelState {
  files: ModelFiles;
  calibration: ScoreCalibration | null;
  tokenizer: ClipTokenizer;
  id: string;
  prepVersion: string;
  loaded?: Promise<ClipModel>;
}

interface OpenBoard {
  board: Board;
  settings: AnalysisSettings;
  settingsFile: string | null;
  notices: BoardView['notices'];
  embeddings: Map<string, FrameEmbeddings>;
  history: CaptionHistory;
}

export class Engine {
  readonly dataDir: string;
  readonly store: Store;
  private model: ModelState | undefined;
  private current: OpenBoard | undefined;
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
      tokenizer: ClipTokenizer.fromModelDir(files.dir),
      id: await modelIdentity(files),
      prepVersion: preprocessVersion(config),
    };
    return this.model;
  }

  /** Loads the model with the encoder needed first; the other opens when it is first used. */
  private loadModel(state: ModelState, encoder: 'text' | 'vision' = 'text'): Promise<ClipModel> {
    state.loaded ??= ClipModel.load(state.files.dir, { provider: this.options.provider, threads: this.options.threads, open: [encoder] });
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

  private async embed(open: OpenBoard, options: ScoreOptions & { cacheOnly?: boolean }): Promise<void> {
    const context = await this.context();
    const embeddings = await embedBoard(open.board, context, {
      ...options,
      promptSyntax: open.settings.cleanPromptSyntax,
      wideFrames: open.settings.wideFrames,
    });
    open.embeddings = embeddings;
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
    const texts = analysisTexts(board, embeddings);
    const state = await this.modelState();
    const cached = this.store.getTextEmbeddings(state.id, texts);
    const missing = cacheOnly ? [] : texts.filter((t) => !cached.has(t));
    if (missing.length > 0) {
      const embedded = await (await this.loadModel(state, 'text')).embedTexts(missing);
      this.store.putTextEmbeddings(
        state.id,
        embedded.map((e) => ({ text: e.text, vector: e.embedding })),
      );
      for (const e of embedded) cached.set(e.text, e.embedding);
    }
    const out = new Map<string, EmbeddedText>();
    for (const [text, vector] of cached) out.set(text, { vector, truncated: state.tokenizer.tokenize(text).truncated });
    return out;
  }

  /** The board with the person's scene heading choices applied to its script. */
  private boardWithSettings(open: OpenBoard): { board: Board; notes: string[] } {
    const { board, settings } = open;
    if (!board.script || Object.keys(settings.sceneHeadings).length === 0) return { board, notes: [] };
    const chosen = withSceneHeadings(board.script, board.scenes, settings.sceneHeadings);
    return { board: { ...board, script: chosen.script }, notes: chosen.notes };
  }

  private async modelSummary(): Promise<ModelSummary | null> {
    if (!this.model) return null;
    const loaded = this.model.loaded ? await this.model.loaded.catch(() => undefined) : undefined;
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
    // Scoring's numbers, computed once; the analysis reads them.
    const scores = boardScores(open.board, open.embeddings);
    const stylePromptEmbedding = modelUsable ? await this.stylePromptEmbedding(open, cacheOnly) : undefined;
    // After the last store call; kept with the open board, so every later view of it still says what the cache lost.
    open.notices.push(...this.untold.splice(0));
    const anyScored = Object.values(scores.frames).some((s) => s.score);
    const { embeddings, settings } = open;
    const { board, notes } = this.boardWithSettings(open);
    const texts = modelUsable && anyScored ? await this.analysisTextEmbeddings(board, embeddings, cacheOnly) : undefined;
    const calibration = this.model?.calibration ?? null;
    const analysis = anyScored
      ? analyzeScoredBoard({
          board,
          embeddings,
          scores,
          settings,
          calibration,
          ...(stylePromptEmbedding && { stylePromptEmbedding }),
          ...(texts && { texts }),
        })
      : null;
    analysis?.notes.push(...notes);
    const reviewed = boardReviews(board, settings);
    analysis?.notes.push(...reviewed.notes);
    return {
      board,
      scores: scores.frames,
      analysis,
      model: await this.modelSummary(),
      settings: open.settings,
      reviews: reviewed.reviews,
      settingsFile: open.settingsFile,
      settingsKeptIn: open.settingsFile ? { kind: 'board-file', file: open.settingsFile } : { kind: 'app-database', file: this.store.file },
      history: open.history.summary(),
      unscored: open.board.frames.filter((f) => {
        const e = open.embeddings.get(f.id);
        return !e?.error && (!e?.image || (e.captionText !== null && !e.caption));
      }).length,
      notices: open.notices,
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
  async openBoard(folder: string): Promise<BoardView> {
    const board = await openBoard(folder, { cacheDir: join(this.dataDir, 'composites') });
    const loaded = await loadSettings(board.folder, this.store);
    // Reopening the same folder (a change on disk, often our own caption write) keeps undo.
    const history = this.current?.board.folder === board.folder ? this.current.history : new CaptionHistory();
    const open: OpenBoard = {
      board,
      settings: loaded.settings,
      settingsFile: loaded.file,
      notices: loaded.problem ? [loaded.problem] : [],
      embeddings: new Map(),
      history,
    };
    this.current = open;
    try {
      await this.embed(open, { cacheOnly: true });
    } catch (error) {
      // No usable model yet: the board still opens, unscored; scoring says what to do.
      if (!(error instanceof AppError)) throw error;
      open.notices.push(error.toData());
      return this.view(open, true, false);
    }
    return this.view(open, true);
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
    return (await this.modelState()).tokenizer.tokenize(text);
  }

  /** The real path of a frame's image on the open board, refused when it now leads outside the board. */
  async frameImageFile(frameId: string): Promise<string> {
    const { board } = this.requireBoard();
    const frame = board.frames.find((f) => f.id === frameId);
    if (!frame)
      throw new AppError('FRAME_NOT_FOUND', `No frame "${frameId}" on the open board.`, {
        fix: 'Reopen the board; the frame may have been moved or renamed.',
      });
    return frameImageFile(board, frame);
  }

  async currentView(): Promise<BoardView> {
    const open = this.requireBoard();
    return this.view(open, true, this.model !== undefined);
  }

  /** Writes the caption where it came from and rescores that frame only. */
  setCaption(frameId: string, text: string): Promise<BoardView> {
    return this.oneEditAtATime(() => this.writeCaptionNow(frameId, text));
  }

  private async writeCaptionNow(frameId: string, text: string): Promise<BoardView> {
    const open = this.requireBoard();
    const edit = await writeCaption(open.board, frameId, text);
    this.replaceFrame(open, edit.frame);
    open.history.record(edit, captionLabel(edit.frame));
    return this.rescoreCaption(open, edit.frame);
  }

  /** A new caption for one frame: embed that text (cache first) and analyse again; no image work. */
  private async rescoreCaption(open: OpenBoard, frame: Board['frames'][number]): Promise<BoardView> {
    if (!open.embeddings.has(frame.id)) return this.scoreBoard();
    await this.embedCaption(open, frame);
    return this.view(open, false);
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
    if (text) {
      let vector = this.store.getTextEmbedding(state.id, text);
      if (!vector) {
        const [embedded] = await (await this.loadModel(state, 'text')).embedTexts([text]);
        vector = embedded!.embedding;
        this.store.putTextEmbeddings(state.id, [{ text, vector }]);
      }
      entry.caption = vector;
      entry.tokens = state.tokenizer.tokenize(text);
    }
  }

  /**
   * Undoes the board's last caption edit, or with a frame id that frame's own last edit, restoring
   * the file's previous bytes; the edit moves to redo.
   */
  undoCaption(frameId?: string): Promise<BoardView> {
    return this.oneEditAtATime(() => this.undoNow(frameId));
  }

  private async undoNow(frameId?: string): Promise<BoardView> {
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
    for (const frame of frames) this.replaceFrame(open, frame);
    open.history.undone(entry);
    return this.rescoreCaptions(open, frames);
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
    for (const edit of edits) this.replaceFrame(open, edit.frame);
    return edits;
  }

  /** New captions for some frames: embed those texts (cache first) and analyse again once. */
  private async rescoreCaptions(open: OpenBoard, frames: readonly Frame[]): Promise<BoardView> {
    for (const frame of frames.slice(0, -1)) await this.embedCaption(open, frame);
    const last = frames.at(-1);
    return last ? this.rescoreCaption(open, last) : this.view(open, false);
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
      return this.writeCaptionNow(write.frameId, write.text);
    });
  }

  private replaceFrame(open: OpenBoard, frame: Board['frames'][number]): void {
    open.board = { ...open.board, frames: open.board.frames.map((f) => (f.id === frame.id ? frame : f)) };
  }

  /** Writes the view's shot list; the format follows the file's extension. */
  exportView(view: BoardView, file: string): Promise<ExportResult> {
    return exportBoard(view, file);
  }

  /** Thresholds for this run only (CLI --threshold): the project's saved settings stay as they are. */
  overrideThresholds(thresholds: Partial<AnalysisThresholds>): void {
    const open = this.requireBoard();
    open.settings = { ...open.settings, thresholds: { ...open.settings.thresholds, ...thresholds } };
  }

  /**
   * Saves the settings and shows the board under them from what the cache holds; what they need
   * from the model (a new style prompt, the whole of wide frames) is left to scoreBoard, which the
   * host runs as a job with progress and cancel, so applying settings never waits on inference.
   */
  async updateSettings(change: (settings: AnalysisSettings) => AnalysisSettings): Promise<BoardView> {
    const open = this.requireBoard();
    open.settings = change(open.settings);
    open.settingsFile = await saveSettings(open.board.folder, open.settings, this.store);
    const modelUsable = await this.embed(open, { cacheOnly: true }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError) return false;
        throw error;
      },
    );
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
