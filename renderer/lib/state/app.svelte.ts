// The app's state: engine results land in $state.raw and are replaced on each update; what the
// board screen shows is $derived from them.
import { SvelteSet } from 'svelte/reactivity';
import type {
  AppInfo,
  AppNotice,
  BoardView,
  EngineSettingsPatch,
  FlagKind,
  FlagRef,
  ModelDownloadProgress,
  ReviewChange,
  ScoreProgress,
  SettingsPatch,
} from '../../../electron/common/api.ts';
import { api, errorCode, errorMessage, isCancellation } from '../api.ts';
import { isStoreNotice } from '../../../electron/common/storeNotices.ts';
import { boardCounts, filterCards, frameCards, groupCards, untoldStoreNotices, type FlagFilter, type SortOrder } from '../boardModel.ts';
import { EMPTY_HISTORY } from '../history.ts';
import { removalMessage } from '../modelsView.ts';
import { NOTICE_TIMEOUT_MS, withNotice, type ShownNotice } from '../notices.ts';
import { NO_PICKING, pickAfterClick, pickAll, pickMode, shownPicks, type Picking } from '../selection.ts';
import { readPreferences, writePreferences, type ThumbnailSize } from '../preferences.ts';
import { DEFAULT_BOARD_UI, readBoardUi, writeBoardUi, type BoardUi } from '../boardUi.ts';

const saved = readPreferences(globalThis.localStorage);

const MODEL_SETUP_CODES = new Set(['MODEL_NOT_INSTALLED', 'MODEL_UNKNOWN']);

export class AppState {
  info = $state.raw<AppInfo | null>(null);
  view = $state.raw<BoardView | null>(null);
  progress = $state.raw<ScoreProgress | null>(null);
  scoring = $state(false);
  /** What the running scoring job is for ("Applying the settings"), shown with its progress. */
  job = $state<string | null>(null);
  busy = $state<string | null>(null);
  notices = $state.raw<ShownNotice[]>([]);
  private noticeId = 0;
  /** Timers by notice id; not state: nothing shows them. */
  private readonly noticeTimers: Record<number, ReturnType<typeof setTimeout>> = {};
  query = $state('');
  flagFilter = $state<FlagFilter>('all');
  sort = $state<SortOrder>('story');
  selectedId = $state<string | null>(null);
  /** Frames chosen for a bulk action (Ctrl/Cmd+click, Shift+click, Ctrl+A); the selection bar acts on them. */
  picking = $state.raw<Picking>(NO_PICKING);
  detailOpen = $state(false);
  settingsOpen = $state(false);
  modelsOpen = $state(false);
  compareOpen = $state(false);
  modelProgress = $state.raw<ModelDownloadProgress | null>(null);
  downloading = $state<string | null>(null);
  exportOpen = $state(false);
  /** Database notices shown as messages, by text: a view repeats them while its board is open. */
  private readonly toldStoreNotices = new SvelteSet<string>();
  shortcutsOpen = $state(false);
  openFolderOpen = $state(false);
  /** The scene headings dialog: which screenplay heading each scene has. */
  scriptOpen = $state(false);
  chartCollapsed = $state(saved.chartCollapsed);
  thumbnailSize = $state<ThumbnailSize>(saved.thumbnailSize);
  /** This board's view on this computer: grid or table, the table's columns, sort and fps. */
  boardUi = $state.raw<BoardUi>(DEFAULT_BOARD_UI);

  cards = $derived(this.view ? frameCards(this.view) : []);
  /** Flagged and unreadable frames, counted apart: what "Flagged only" and "Errors" list. */
  counts = $derived(boardCounts(this.cards));
  visible = $derived(filterCards(this.cards, this.query, this.flagFilter));
  groups = $derived(groupCards(this.visible, this.sort));
  order = $derived(this.groups.flatMap((g) => g.frames.map((f) => f.id)));
  selected = $derived(this.cards.find((c) => c.id === this.selectedId) ?? null);
  /** The picked frames still on the board: what a bulk action acts on (a filter change lets them go, see Toolbar). */
  picked = $derived(
    shownPicks(
      this.cards.map((c) => c.id),
      this.picking,
    ),
  );

  /** Shown as selected: the picked frames while there are some, else the selected one. */
  isChosen(id: string): boolean {
    // Only the cards and rows on screen ask (both views are virtualised): a scan is cheap enough.
    return this.picked.length > 0 ? this.picked.includes(id) : id === this.selectedId;
  }
  history = $derived(this.view?.history ?? EMPTY_HISTORY);

  /** Subscribes to engine events; returns the teardown. */
  connect(): () => void {
    const offs = [
      api.onProgress((p) => (this.progress = p)),
      api.onBoardChanged((v) => this.showIfOnScreen(v)),
      api.onNotice((n) => this.addNotice(n)),
      api.onModelProgress((p) => (this.modelProgress = p)),
      api.onCommand((command) => {
        if (!this.view) return;
        if (command === 'settings') this.settingsOpen = true;
        else this.exportOpen = true;
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  addNotice(notice: AppNotice): void {
    if (notice.error && isStoreNotice(notice.error)) {
      if (this.toldStoreNotices.has(notice.message)) return;
      this.toldStoreNotices.add(notice.message);
    }
    const id = ++this.noticeId;
    this.notices = withNotice(this.notices, notice, id);
    // Notices folded into this one or pushed out by it stop their timers.
    for (const shown of Object.keys(this.noticeTimers).map(Number))
      if (!this.notices.some((n) => n.id === shown)) this.dismissNotice(shown);
    const timeout = NOTICE_TIMEOUT_MS[notice.level];
    if (timeout !== null) this.noticeTimers[id] = setTimeout(() => this.dismissNotice(id), timeout);
  }

  /** A new view from the engine; a database rebuilt on the way becomes a message (the engine's notice event may have come first). */
  private show(view: BoardView): void {
    // A view made before the one on screen (a push overtaken by a reply, or the other way) is out of date.
    if (this.view && this.view.board.folder === view.board.folder && view.revision < this.view.revision) return;
    if (view.board.folder !== this.view?.board.folder) this.boardUi = readBoardUi(globalThis.localStorage, view.board.folder);
    this.view = view;
    for (const notice of untoldStoreNotices(view.notices, this.toldStoreNotices))
      this.addNotice({ level: 'warning', message: notice.message, error: notice });
  }

  /** A pushed view or a job's result arriving after Close board, or for a board no longer shown, is dropped. */
  private showIfOnScreen(view: BoardView): void {
    if (this.view?.board.folder === view.board.folder) this.show(view);
  }

  dismissNotice(id: number): void {
    clearTimeout(this.noticeTimers[id]);
    delete this.noticeTimers[id];
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  clearNotices(): void {
    for (const n of this.notices) this.dismissNotice(n.id);
  }

  /** Remembered on this computer: the folded chart and the thumbnail size. */
  setPreferences(change: { chartCollapsed?: boolean; thumbnailSize?: ThumbnailSize }): void {
    if (change.chartCollapsed !== undefined) this.chartCollapsed = change.chartCollapsed;
    if (change.thumbnailSize !== undefined) this.thumbnailSize = change.thumbnailSize;
    writePreferences(globalThis.localStorage, { chartCollapsed: this.chartCollapsed, thumbnailSize: this.thumbnailSize });
  }

  /** Remembered per board on this computer (the board's root folder is the key). */
  setBoardUi(change: Partial<BoardUi>): void {
    this.boardUi = { ...this.boardUi, ...change };
    if (this.view) writeBoardUi(globalThis.localStorage, this.view.board.folder, this.boardUi);
  }

  private async run<T>(label: string, task: () => Promise<T>): Promise<T | undefined> {
    this.busy = label;
    try {
      return await task();
    } catch (error) {
      this.addNotice({ level: 'error', message: errorMessage(error) });
      return undefined;
    } finally {
      this.busy = null;
    }
  }

  /** On start: the board the engine already has open, else the sample board the very first time. */
  async load(options: { firstRunSample?: boolean } = {}): Promise<void> {
    this.info = (await this.run('Starting', () => api.getAppInfo())) ?? null;
    const current = await this.run('Starting', () => api.currentBoard());
    if (current) {
      this.show(current);
      if (current.unscored > 0) await this.score();
    } else if (options.firstRunSample && this.info && this.info.recentBoards.length === 0) {
      await this.open(null);
    }
  }

  async open(folder: string | null): Promise<void> {
    const view = await this.run('Opening the board', () => (folder ? api.openBoard(folder) : api.openSampleBoard()));
    if (!view) return;
    this.show(view);
    this.selectedId = null;
    this.picking = NO_PICKING;
    this.detailOpen = false;
    if (view.unscored > 0 && !this.needsModel) await this.score();
  }

  /** The board is open but no model is set up: the board screen offers one instead of failing. */
  get needsModel(): boolean {
    return this.view?.notices.some((n) => MODEL_SETUP_CODES.has(n.code)) ?? false;
  }

  /** Scores what the cache lacks as a job: progress in the bar, Cancel in the header, the dialogs free. */
  async score(job: string | null = null): Promise<void> {
    if (this.scoring) return;
    this.scoring = true;
    this.job = job;
    this.progress = null;
    try {
      this.showIfOnScreen(await api.scoreBoard());
    } catch (error) {
      if (!isCancellation(error)) this.addNotice({ level: 'error', message: errorMessage(error) });
    } finally {
      this.scoring = false;
      this.job = null;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    await api.cancelScoring();
  }

  async setCaption(frameId: string, text: string): Promise<boolean> {
    const view = await this.run('Saving the caption', () => api.setCaption(frameId, text));
    if (view) this.show(view);
    return Boolean(view);
  }

  /** Undoes the board's last caption edit, or one frame's own; an empty history is not an error. */
  // Undo and redo one after another: a Ctrl+Z pressed while the last step is still on its way
  // is judged against the history that step leaves, not dropped.
  private historyQueue: Promise<void> = Promise.resolve();

  undo(frameId?: string): Promise<void> {
    return this.queueHistory(async () => {
      if (!(frameId === undefined ? this.history.undo.length : this.history.undo.some((s) => s.frameId === frameId))) return;
      await this.historyStep('Undoing', () => (frameId === undefined ? api.undoCaption() : api.undoCaption(frameId)));
    });
  }

  redo(): Promise<void> {
    return this.queueHistory(async () => {
      if (this.history.redo.length === 0) return;
      await this.historyStep('Redoing', () => api.redoCaption());
    });
  }

  private queueHistory(step: () => Promise<void>): Promise<void> {
    this.historyQueue = this.historyQueue.then(step, step);
    return this.historyQueue;
  }

  private async historyStep(label: string, step: () => Promise<BoardView>): Promise<void> {
    this.busy = label;
    try {
      this.show(await step());
    } catch (error) {
      // Another window (or the file watcher) emptied the history first: nothing went wrong.
      const code = errorCode(error);
      if (code === 'NOTHING_TO_UNDO' || code === 'NOTHING_TO_REDO') this.addNotice({ level: 'info', message: errorMessage(error) });
      else this.addNotice({ level: 'error', message: errorMessage(error) });
    } finally {
      this.busy = null;
    }
  }

  async acknowledge(frameId: string, kind: FlagKind, acknowledged: boolean): Promise<void> {
    const view = await this.run('Saving', () => api.acknowledgeFlag(frameId, kind, acknowledged));
    if (!view) return;
    this.show(view);
    // A read-only board cannot hold it: say where it went, so nobody looks for it in frameproof.json.
    if (view.settingsKeptIn.kind === 'app-database') {
      this.addNotice({
        level: 'info',
        message: `The board folder is read-only, so this is kept in Frameproof's database on this computer (${view.settingsKeptIn.file}), not with the board.`,
      });
    }
  }

  /**
   * A click on a frame in the grid or the table, in the order `order` shows them: a plain click
   * selects it; Ctrl/Cmd+click and Shift+click pick frames for a bulk action. True for a plain click.
   */
  clickFrame(id: string, event: MouseEvent, order: readonly string[]): boolean {
    const mode = pickMode(event, /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? ''));
    this.picking = pickAfterClick(order, this.picking, this.selectedId, id, mode);
    this.selectedId = id;
    return mode === 'one';
  }

  pickAll(order: readonly string[]): void {
    this.picking = pickAll(order);
  }

  clearPicking(): void {
    this.picking = NO_PICKING;
  }

  /** Review status and/or comment for one frame or a selection, in one save. */
  async setReview(frameIds: string[], change: ReviewChange): Promise<boolean> {
    const view = await this.run('Saving the review', () => api.setReview(frameIds, change));
    if (view) this.show(view);
    return Boolean(view);
  }

  /** Marks the given flags as intended in one save: the selection bar's bulk acknowledge. */
  async acknowledgeMany(flags: FlagRef[]): Promise<void> {
    if (flags.length === 0) return;
    const view = await this.run('Saving', () => api.acknowledgeFlags(flags, true));
    if (view) this.show(view);
  }

  /** The one-click fixes: both write captions as one undo step, so they queue behind undo and redo. */
  swapCaptions(frameId: string, otherFrameId: string): Promise<void> {
    return this.queueHistory(async () => {
      const view = await this.run('Swapping the captions', () => api.swapCaptions(frameId, otherFrameId));
      if (view) this.show(view);
    });
  }

  takeCaption(frameId: string, fromFrameId: string): Promise<void> {
    return this.queueHistory(async () => {
      const view = await this.run('Taking the caption', () => api.takeCaption(frameId, fromFrameId));
      if (view) this.show(view);
    });
  }

  /** Corrects a scene's screenplay heading (null: none; 'auto': match it again); prompts not yet embedded are read as a job. */
  async setSceneHeading(sceneId: string, headingIndex: number | null | 'auto'): Promise<void> {
    const view = await this.run('Saving the scene heading', () => api.setSceneHeading(sceneId, headingIndex));
    if (!view) return;
    this.show(view);
    await this.score('Applying the scene heading');
  }

  /**
   * Saves the board's settings and, when they changed, the app's; the dialog is already closed.
   * What the new settings need from the model (a style prompt, whole wide frames) runs as a job.
   */
  async applySettings(board: SettingsPatch, engine: EngineSettingsPatch | null): Promise<void> {
    const view = await this.run('Applying the settings', () => api.updateSettings(board));
    if (!view) return;
    this.show(view);
    if (engine) {
      const info = await this.run('Applying the settings', () => api.updateEngineSettings(engine));
      if (info) this.info = info;
    }
    await this.score('Applying the settings');
  }

  async downloadModel(id: string): Promise<void> {
    this.downloading = id;
    this.modelProgress = null;
    try {
      const models = await api.downloadModel(id);
      if (this.info) this.info = { ...this.info, models };
      this.info = await api.getAppInfo();
      this.addNotice({ level: 'success', message: `${models.models.find((m) => m.id === id)?.name ?? id} is installed.` });
      // Reopen the board so it picks the new model up, then score it.
      if (this.view) await this.open(this.view.board.folder);
    } catch (error) {
      if (!isCancellation(error)) this.addNotice({ level: 'error', message: errorMessage(error) });
    } finally {
      this.downloading = null;
      this.modelProgress = null;
    }
  }

  /** The dialog has asked first when it is the model in use; the engine then falls back and the board reopens. */
  async removeModel(id: string): Promise<void> {
    const entry = this.info?.models.models.find((m) => m.id === id);
    const models = await this.run('Removing the model', () => api.removeModel(id));
    if (!models) return;
    if (this.info) this.info = { ...this.info, models, activeModel: entry?.inUse ? (models.inUse?.id ?? null) : this.info.activeModel };
    this.addNotice({
      level: entry?.inUse && !models.inUse ? 'warning' : 'success',
      message: removalMessage(entry?.name ?? id, entry?.inUse ?? false, models),
    });
    if (entry?.inUse && this.view) {
      this.view = await api.currentBoard();
      if (this.view && this.view.unscored > 0 && !this.needsModel) await this.score();
    }
  }

  /** Registers a model folder (checked by the engine first); the error to show in the dialog, or null when imported. */
  async importModel(folder: string): Promise<string | null> {
    const hadModel = this.info?.models.inUse != null;
    const known = (this.info?.models.models ?? []).map((m) => m.id);
    this.busy = 'Importing the model';
    let models;
    try {
      models = await api.importModel(folder);
    } catch (error) {
      return errorMessage(error);
    } finally {
      this.busy = null;
    }
    if (this.info) this.info = { ...this.info, models };
    const added = models.models.find((m) => m.source === 'import' && !known.includes(m.id));
    this.addNotice({
      level: 'success',
      message: `${added?.name ?? folder} is imported${hadModel ? '; choose Use to score with it.' : ' and in use.'}`,
    });
    if (!hadModel && this.view) {
      this.view = await api.currentBoard();
      if (this.view && this.view.unscored > 0 && !this.needsModel) await this.score();
    }
    return null;
  }

  /** Switches the model and rescores with it: from the cache where it has scored this board before. */
  async useModel(id: string): Promise<void> {
    const info = await this.run('Switching the model', () => api.updateEngineSettings({ model: id }));
    if (!info) return;
    this.info = info;
    if (!this.view) return;
    const name = info.models.models.find((m) => m.id === id)?.name ?? id;
    await this.score(`Rescoring with ${name}`);
  }

  closeBoard(): void {
    // A board's notices are about that board: the Welcome screen starts clean.
    this.clearNotices();
    this.view = null;
    this.selectedId = null;
    this.picking = NO_PICKING;
    this.detailOpen = false;
    void api.getAppInfo().then((info) => (this.info = info));
  }
}

export const app = new AppState();
