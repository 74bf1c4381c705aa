// What a host serves: the Engine behind the FrameproofApi, with the state an app needs around it
// (one scoring run at a time, cancellation, recent boards, events, watching the open folder).
// Both hosts (Electron's utility process and the web host) wrap one AppSession.
import { chmod, cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type {
  AppErrorData,
  AppInfo,
  AppNotice,
  BoardView,
  CaptionTokenInfo,
  EngineSettingsPatch,
  ExportChoices,
  ExportFormat,
  ExportResult,
  ModelComparison,
  ModelList,
  FlagKind,
  FlagRef,
  FolderListing,
  FrameproofEvent,
  ModelInUse,
  ProviderChoice,
  ReviewChange,
  SettingsPatch,
} from '../../common/api.ts';
import { Engine, type EngineStats } from '../engine.ts';
import { assertThresholdPatch } from '../analysis/index.ts';
import { AppError } from '../../common/errors.ts';
import { flagLevelOverrides } from '../../common/flagLevels.ts';
import { compareModels, exportComparison } from './compare/index.ts';
import { exportBoard } from '../export/index.ts';
import { ModelManager, resolveModelArg } from '../models/index.ts';
import { listFolders } from './folderListing.ts';
import { orderModelList, replacementFor } from './modelOrder.ts';
import { readRecentBoards, rememberBoard } from './recentBoards.ts';
import { thumbnailFile } from '../scoring/index.ts';
import { latestEvery } from './latestEvery.ts';
import { watchBoard, type BoardWatcher } from './watchBoard.ts';

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'board';
}

const SAMPLE_BOARD = 'sample-board';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Copies into a temporary folder beside the target, then renames it, so a half copy is never opened as the sample. */
async function copyFolder(from: string, to: string): Promise<void> {
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await mkdir(dirname(partial), { recursive: true });
    await cp(from, partial, { recursive: true });
    // An installed app's files are often read-only, and cp keeps their modes: the copy is the person's to edit.
    for (const entry of ['', ...(await readdir(partial, { recursive: true }))]) {
      const path = join(partial, entry);
      await chmod(path, (await stat(path)).mode | 0o200);
    }
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw new AppError('FOLDER_READ_ONLY', `The sample board could not be copied to ${to}.`, {
      file: to,
      fix: 'Check that the disk has free space and the data folder can be written to, then open the sample board again.',
      cause: error,
    });
  }
}

export interface AppSessionOptions {
  host: AppInfo['host'];
  version: string;
  /** resources/ of the installed app: the sample board lives there. */
  resourcesDir: string;
  dataDir?: string;
  model?: string;
  provider?: ProviderChoice;
  threads?: number;
  /** Watch the open folder and rescore what changes (default true). */
  watch?: boolean;
  /**
   * Hears of the database moved aside or replaced, besides the 'notice' event (which has no
   * listener yet when it happens as the session starts): the web host's terminal.
   */
  onStoreNotice?: (notice: AppErrorData) => void;
}

/** After an open, the page's first thumbnail requests are awaited this long (its grid is being drawn). */
const OPEN_GRACE_MS = 350;
/** A deferred analysis starts once frame requests have paused this long, */
const FRAME_REQUESTS_QUIET_MS = 150;
/** ... or this long after it was due, whatever the requests do. */
const ANALYSIS_DEFER_MAX_MS = 2000;

/** Partial views while scoring reach the page at most this often. */
export const SCORE_VIEW_INTERVAL_MS = 250;

export class AppSession {
  private engine: Engine;
  private readonly listeners = new Set<(event: FrameproofEvent) => void>();
  private scoring: { promise: Promise<BoardView>; controller: AbortController } | undefined;
  private watcher: BoardWatcher | undefined;
  private download: AbortController | undefined;
  private lastComparison: ModelComparison | undefined;
  private engineSettings: { model?: string; provider: ProviderChoice; threads: number | null };
  /** Counts the changes to the open board: a deferred analysis of an older state is not pushed. */
  private generation = 0;
  /** When the page last asked for a frame's image: a deferred analysis waits for a pause in them. */
  private lastFrameRequestMs = -Infinity;
  /** Rescans the folder watcher started (the app's own writes start none). */
  readonly stats = { rescans: 0 };

  constructor(private readonly options: AppSessionOptions) {
    this.engineSettings = { model: options.model, provider: options.provider ?? 'auto', threads: options.threads ?? null };
    this.engine = this.createEngine();
  }

  get dataDir(): string {
    return this.engine.dataDir;
  }

  /** The engine's counters (analyses run): what tests and the benchmark observe. */
  get engineStats(): EngineStats {
    return this.engine.stats;
  }

  private createEngine(): Engine {
    const { model, provider, threads } = this.engineSettings;
    return new Engine({
      dataDir: this.options.dataDir,
      model,
      provider,
      ...(threads && { threads }),
      onStoreNotice: this.tellStoreNotice,
      gridThumbnails: true,
    });
  }

  /** As it happens; the next board view carries it too, for a page that was not listening yet. */
  private readonly tellStoreNotice = (notice: AppErrorData): void => {
    this.notice({ level: 'warning', message: notice.message, error: notice });
    this.options.onStoreNotice?.(notice);
  };

  subscribe(listener: (event: FrameproofEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: FrameproofEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  notice(notice: AppNotice): void {
    this.emit({ type: 'notice', notice });
  }

  async close(): Promise<void> {
    this.scoring?.controller.abort(new AppError('SHUTTING_DOWN', 'Frameproof is closing.'));
    await this.scoring?.promise.catch(() => undefined);
    this.watcher?.close();
    await this.engine.close();
  }

  async getAppInfo(): Promise<AppInfo> {
    return {
      version: this.options.version,
      host: this.options.host,
      sampleBoard: this.sampleBoard(),
      recentBoards: await readRecentBoards(this.engine.dataDir),
      models: await this.listModels(),
      activeModel: this.engineSettings.model ?? null,
      provider: this.engineSettings.provider,
      threads: this.engineSettings.threads,
    };
  }

  /** Where the sample board opens from: a copy in the data folder, since the install folder is read-only once installed. */
  private sampleBoard(): string {
    return join(this.engine.dataDir, SAMPLE_BOARD);
  }

  async openBoard(folder: string): Promise<BoardView> {
    // A folder that is not there fails below without stopping the open board's scoring.
    if (
      await stat(resolve(folder)).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      await this.cancelScoring();
    // The scores at once; the analysis follows as a boardChanged (3 s at 5,000 frames).
    const view = await this.engine.openBoard(resolve(folder), { analyse: false });
    await mkdir(this.engine.dataDir, { recursive: true });
    await rememberBoard(this.engine.dataDir, view.board.folder, view.board.name);
    this.watcher?.close();
    if (this.options.watch !== false) {
      this.watcher = watchBoard(view.board.folder, () => void this.reload(), { isOwnWrite: (path) => this.engine.ownWrites.matches(path) });
    }
    // Last: nothing above may wait behind it.
    // The text encoder (what a caption edit uses) loads after that: opening it holds the process too.
    const engine = this.engine;
    this.analyseLater({ afterOpen: true, then: () => void engine.prepareModel().catch(() => undefined) });
    return view;
  }

  /**
   * Pushes the analysed view once the reply with the scores has gone out, unless the board
   * changed meanwhile or scoring runs (its own result has the analysis).
   */
  private analyseLater(options: { afterOpen?: boolean; then?: () => void } = {}): void {
    const generation = ++this.generation;
    // A board just opened: its page is about to ask for the first screen's thumbnails.
    if (options.afterOpen) this.lastFrameRequestMs = Math.max(this.lastFrameRequestMs, performance.now() + OPEN_GRACE_MS);
    const current = () => generation === this.generation && !this.scoring;
    const since = performance.now();
    const attempt = () => {
      if (!current()) return;
      // The whole-board analysis holds the engine for seconds at 5,000 frames: the grid's
      // thumbnails go first, and the flags follow once their requests pause (or after a while).
      const quietIn = this.lastFrameRequestMs + FRAME_REQUESTS_QUIET_MS - performance.now();
      if (quietIn > 0 && performance.now() - since < ANALYSIS_DEFER_MAX_MS) {
        setTimeout(attempt, quietIn);
        return;
      }
      const engine = this.engine;
      const changes = engine.changes;
      engine.currentView().then(
        (view) => {
          if (!current() || engine !== this.engine) return;
          // Changed while it was analysed (the model loading, a file event): analyse the board as it is now.
          if (engine.changes !== changes) return setImmediate(attempt);
          this.emit({ type: 'boardChanged', view });
          options.then?.();
        },
        () => options.then?.(),
      );
    };
    setImmediate(attempt);
  }

  /**
   * Opens the sample board, copying it from the app's resources on first open so a newcomer's
   * first caption edit is saved like any other; later opens keep what they changed.
   */
  async openSampleBoard(): Promise<BoardView> {
    const copy = this.sampleBoard();
    if (!(await exists(copy))) await copyFolder(resolve(this.options.resourcesDir, SAMPLE_BOARD), copy);
    return this.openBoard(copy);
  }

  /** A file changed on disk: rescan; the cache makes only what changed reach the model. */
  private async reload(): Promise<void> {
    try {
      this.stats.rescans++;
      await this.cancelScoring();
      const folder = this.engine.boardFolder;
      if (!folder) return;
      await this.engine.openBoard(folder, { analyse: false });
      this.emit({ type: 'boardChanged', view: await this.scoreBoard() });
    } catch (error) {
      this.notice({
        level: 'error',
        message: `The board could not be rescored after a change on disk: ${(error as Error).message}`,
        ...(error instanceof AppError && { error: error.toData() }),
      });
    }
  }

  scoreBoard(): Promise<BoardView> {
    if (this.scoring) return this.scoring.promise;
    const controller = new AbortController();
    this.generation++;
    const partial = latestEvery<BoardView>(SCORE_VIEW_INTERVAL_MS, (view) => this.emit({ type: 'boardChanged', view }));
    const promise = this.engine
      .scoreBoard({
        signal: controller.signal,
        onProgress: (progress) => this.emit({ type: 'progress', progress }),
        onView: (view) => partial.push(view),
      })
      .finally(() => partial.cancel())
      .then((view) => {
        for (const message of view.model?.notices ?? []) this.notice({ level: 'warning', message });
        return view;
      })
      .finally(() => {
        if (this.scoring?.promise === promise) this.scoring = undefined;
      });
    this.scoring = { promise, controller };
    return promise;
  }

  async cancelScoring(): Promise<void> {
    const running = this.scoring;
    if (!running) return;
    running.controller.abort(new AppError('SCORING_CANCELLED', 'Scoring was cancelled; everything scored so far is kept.'));
    await running.promise.catch(() => undefined);
  }

  async setCaption(frameId: string, text: string): Promise<BoardView> {
    await this.cancelScoring();
    const view = await this.engine.setCaption(frameId, text, { analyse: false });
    this.analyseLater();
    return view;
  }

  async undoCaption(frameId?: string): Promise<BoardView> {
    await this.cancelScoring();
    const view = await this.engine.undoCaption(frameId, { analyse: false });
    this.analyseLater();
    return view;
  }

  async redoCaption(): Promise<BoardView> {
    await this.cancelScoring();
    return this.engine.redoCaption();
  }

  async countTokens(text: string): Promise<CaptionTokenInfo> {
    const tokens = await this.engine.tokenize(text);
    return {
      count: tokens.tokenCount,
      countLimited: tokens.countLimited,
      contextLength: tokens.contextLength,
      truncated: tokens.truncated,
    };
  }

  acknowledgeFlag(frameId: string, kind: FlagKind, acknowledged: boolean): Promise<BoardView> {
    return this.engine.acknowledge(frameId, kind, acknowledged);
  }

  acknowledgeFlags(flags: FlagRef[], acknowledged: boolean): Promise<BoardView> {
    return this.engine.acknowledgeMany(flags, acknowledged);
  }

  setReview(frameIds: string[], change: ReviewChange): Promise<BoardView> {
    return this.engine.setReview(frameIds, change);
  }

  async swapCaptions(frameId: string, otherFrameId: string): Promise<BoardView> {
    await this.cancelScoring();
    return this.engine.swapCaptions(frameId, otherFrameId);
  }

  async takeCaption(frameId: string, fromFrameId?: string): Promise<BoardView> {
    await this.cancelScoring();
    return this.engine.takeCaption(frameId, fromFrameId);
  }

  /**
   * Checks the patch against the settings schema, saves it and returns the board as the cache
   * shows it at once; a scoring run in progress stops (it used the old settings). The caller then
   * scores as a job (scoreBoard: progress, cancel) for whatever the new settings need.
   */
  async updateSettings(patch: SettingsPatch): Promise<BoardView> {
    if (patch.thresholds) assertThresholdPatch(patch.thresholds);
    await this.cancelScoring();
    return this.engine.updateSettings((s) => ({
      ...s,
      // The patch's thresholds are the board's overrides in full: a field emptied in Settings goes back to its default.
      ...(patch.thresholds && { thresholds: { ...patch.thresholds } }),
      ...(patch.stylePrompt !== undefined && { stylePrompt: patch.stylePrompt?.trim() || null }),
      ...(patch.styleReferences && { styleReferences: patch.styleReferences }),
      ...(patch.cleanPromptSyntax && { cleanPromptSyntax: patch.cleanPromptSyntax }),
      ...(patch.styleContent && { styleContent: patch.styleContent }),
      ...(patch.wideFrames && { wideFrames: patch.wideFrames }),
      ...(patch.flagLevels && { flagLevels: flagLevelOverrides(patch.flagLevels) }),
    }));
  }

  setSceneHeading(sceneId: string, headingIndex: number | null | 'auto'): Promise<BoardView> {
    return this.engine.setSceneHeading(sceneId, headingIndex);
  }

  async updateEngineSettings(patch: EngineSettingsPatch): Promise<AppInfo> {
    await this.cancelScoring();
    const folder = this.engine.boardFolder;
    this.engineSettings = { ...this.engineSettings, ...patch };
    await this.engine.close();
    this.engine = this.createEngine();
    if (folder) this.emit({ type: 'boardChanged', view: await this.engine.openBoard(folder) });
    return this.getAppInfo();
  }

  async listModels(): Promise<ModelList> {
    const started = this.options.model === undefined ? null : await this.resolveModel(this.options.model);
    const list = orderModelList(await this.models().list(), await this.modelInUse(), started?.id === null ? started : null);
    const replacement = list.inUse && replacementFor(list, list.models[0]!.id, this.options.model);
    return { ...list, ...(list.inUse && { replacesInUse: replacement?.name ?? null }) };
  }

  /** What --model (or the app's setting, or the default) resolves to now; null when nothing usable. */
  private modelInUse(): Promise<ModelInUse | null> {
    return this.resolveModel(this.engineSettings.model);
  }

  private resolveModel(model: string | undefined): Promise<ModelInUse | null> {
    return resolveModelArg(model, { dataDir: this.engine.dataDir }).then(
      (r) => ({ id: r.id, name: r.source === 'folder' ? basename(r.dir) : r.name, dir: r.dir }),
      () => null,
    );
  }

  private models(): ModelManager {
    return new ModelManager({ dataDir: this.engine.dataDir });
  }

  /** One download at a time; when it is the model in use (or none was set up), the board rescores with it. */
  async downloadModel(id: string): Promise<ModelList> {
    if (this.download) throw new AppError('BUSY', 'A model is already downloading.', { fix: 'Wait for it to finish, or cancel it first.' });
    const controller = new AbortController();
    this.download = controller;
    try {
      await this.models().download(id, {
        signal: controller.signal,
        onProgress: (progress) => this.emit({ type: 'modelProgress', progress }),
      });
    } finally {
      this.download = undefined;
    }
    const list = await this.listModels();
    if (!this.engineSettings.model && list.models.filter((m) => m.status === 'installed').length === 1) {
      await this.updateEngineSettings({});
    }
    return list;
  }

  async cancelModelDownload(): Promise<void> {
    this.download?.abort(new AppError('DOWNLOAD_CANCELLED', 'The download was cancelled; what was downloaded is kept for resuming.'));
  }

  /**
   * Removing the model in use falls back to what Frameproof picks without a choice (the default or
   * the only installed model): the engine restarts on it and the board reopens, so the status bar
   * and the list say what is used now. The page asks the person before it calls this.
   */
  async removeModel(id: string): Promise<ModelList> {
    const before = await this.listModels();
    const wasInUse = before.models.some((m) => m.id === id && m.inUse);
    await this.models().remove(id);
    if (wasInUse) {
      this.engineSettings = { ...this.engineSettings, model: replacementFor(before, id, this.options.model)?.id };
      await this.updateEngineSettings({});
    }
    return this.listModels();
  }

  /** Checks and registers a model folder; with no usable model before, the board picks it up at once. */
  async importModel(folder: string, name?: string): Promise<ModelList> {
    const before = await this.modelInUse();
    // A second installed model would make "no choice" ambiguous: keep using the one in use.
    if (before?.id && !this.engineSettings.model) this.engineSettings = { ...this.engineSettings, model: before.id };
    await this.models().import(folder, name ? { name } : {});
    if (!before) await this.updateEngineSettings({});
    return this.listModels();
  }

  listFolders(folder: string | null): Promise<FolderListing> {
    return listFolders(folder, homedir());
  }

  /**
   * The open board under two or more models. Scoring is cancelled first: both would compete for
   * the CPU and memory. The result is kept for exportComparisonTo.
   */
  async compareModels(models: string[]): Promise<ModelComparison> {
    await this.cancelScoring();
    const folder = this.engine.boardFolder;
    if (!folder) throw new AppError('NO_BOARD_OPEN', 'No board is open.', { fix: 'Open a storyboard folder first.' });
    const { provider, threads } = this.engineSettings;
    this.lastComparison = await compareModels(folder, models, {
      dataDir: this.engine.dataDir,
      provider,
      ...(threads && { threads }),
      onStoreNotice: this.tellStoreNotice,
      onProgress: (progress) => this.emit({ type: 'compareProgress', progress }),
    });
    return this.lastComparison;
  }

  async exportComparisonTo(format: 'html' | 'json', file?: string): Promise<ExportResult> {
    const comparison = this.lastComparison;
    if (!comparison)
      throw new AppError('NOTHING_TO_EXPORT', 'There is no comparison to export yet.', { fix: 'Compare two or more models first.' });
    const target =
      file ??
      join(
        this.engine.dataDir,
        'exports',
        `${safeName(comparison.board.name)}-models-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`,
      );
    await mkdir(dirname(target), { recursive: true });
    return exportComparison(comparison, target);
  }

  /** Writes an export of the open board into the data folder's exports/ (the web host serves it). */
  async exportTo(format: ExportFormat, file?: string, choices: ExportChoices = {}): Promise<ExportResult> {
    const view = await this.engine.currentView();
    const target =
      file ??
      join(
        this.engine.dataDir,
        'exports',
        `${safeName(view.board.name)}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${format}`,
      );
    await mkdir(dirname(target), { recursive: true });
    return exportBoard(view, target, { format, choices });
  }

  /** The image file of a frame of the open board, full size or as a thumbnail; nothing else. */
  async frameImage(frameId: string, kind: 'thumbnail' | 'full'): Promise<string> {
    this.lastFrameRequestMs = performance.now();
    const file = await this.engine.frameImageFile(frameId);
    return kind === 'full' ? file : thumbnailFile(file, this.engine.thumbnailDir);
  }

  currentView(): Promise<BoardView> {
    return this.engine.currentView();
  }
}
