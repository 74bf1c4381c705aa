// The application API: what the renderer may ask of the engine
import type {
  AnalysisThresholds,
  FlagKind,
  FlagLevel,
  FlagRef,
  PromptSyntaxCleaning,
  ReviewChange,
  StyleContentMode,
  WideFrameScoring,
} from './analysis.ts';
import type { ComparisonProgress, ModelComparison } from './compare.ts';
import type { AppErrorData, ProviderChoice } from './core.ts';
import type { ExportChoices, ExportFormat, ExportResult } from './export.ts';
import type { ModelDownloadProgress, ModelList } from './models.ts';
import type { BoardView, ScoreProgress } from './scoring.ts';

// One interface for both hosts: Electron (IPC through the preload) and the local web host (HTTP).

export interface RecentBoard {
  folder: string;
  name: string;
  openedAtMs: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** The board that ships with Frameproof, as it opens: a writable copy in the data folder. */
  sampleBoard: string;
  recentBoards: RecentBoard[];
  models: ModelList;
  /** The model chosen for this run (--model, or the app's setting): an id or a folder; null for the default. */
  activeModel: string | null;
  /** Threads and provider the engine uses for new runs. */
  provider: ProviderChoice;
  threads: number | null;
}

/** An export as the app delivers it: the file written, and for the web host a URL to fetch it from. */
export interface ExportDelivery extends ExportResult {
  url: string | null;
}

/** The parts of the project settings the app edits; absent: unchanged. */
export interface SettingsPatch {
  /** The board's threshold overrides in full (replacing the saved ones; a name left out takes its default). */
  thresholds?: Partial<AnalysisThresholds>;
  stylePrompt?: string | null;
  styleReferences?: string[];
  cleanPromptSyntax?: PromptSyntaxCleaning;
  styleContent?: StyleContentMode;
  wideFrames?: WideFrameScoring;
  /** The board's flag levels in full (replacing the saved ones; a kind left out takes its default). */
  flagLevels?: Partial<Record<FlagKind, FlagLevel>>;
}

export interface EngineSettingsPatch {
  provider?: ProviderChoice;
  threads?: number | null;
  model?: string;
}

export interface CaptionTokenInfo {
  count: number;
  /** Counting stopped at the limit: the caption has more than count tokens. */
  countLimited: boolean;
  contextLength: number;
  truncated: boolean;
}

/** How much a notice matters: info and success go away on their own, errors stay until dismissed. */
export type NoticeLevel = 'info' | 'success' | 'warning' | 'error';

/** A message for the notice area or a frame card; never a dialog storm. */
export interface AppNotice {
  level: NoticeLevel;
  message: string;
  frameId?: string;
  error?: AppErrorData;
}

/** The subfolders of one folder, for the web page's folder browser (it cannot read the disk). */
export interface FolderListing {
  /** The folder listed, absolute and normalised. */
  folder: string;
  /** Its parent; null at the root of a drive. */
  parent: string | null;
  /** Subfolders the OS user can read, by name; hidden ones (dot-names) left out. */
  folders: { name: string; path: string }[];
  /** More subfolders than the listing holds were left out. */
  truncated: boolean;
}

/** What a folder picker is for: the Electron host words its dialog by it. */
export type FolderPurpose = 'board' | 'model';

export type Unsubscribe = () => void;

export interface FrameproofApi {
  getAppInfo(): Promise<AppInfo>;
  /** The board the engine has open (a reloaded page, a folder given on the command line), if any. */
  currentBoard(): Promise<BoardView | null>;
  openBoard(folder: string): Promise<BoardView>;
  openSampleBoard(): Promise<BoardView>;
  /** Scores what the cache lacks; progress arrives through onProgress. */
  scoreBoard(): Promise<BoardView>;
  cancelScoring(): Promise<void>;
  setCaption(frameId: string, text: string): Promise<BoardView>;
  /** Undoes the board's last caption edit, or with a frame id that frame's own last edit (NOTHING_TO_UNDO when there is none). */
  undoCaption(frameId?: string): Promise<BoardView>;
  /** Writes the last undone caption edit again (NOTHING_TO_REDO when there is none). */
  redoCaption(): Promise<BoardView>;
  countTokens(text: string): Promise<CaptionTokenInfo>;
  acknowledgeFlag(frameId: string, kind: FlagKind, acknowledged: boolean): Promise<BoardView>;
  /** Marks (or unmarks) several flags as intended in one save: a bulk action on a selection. */
  acknowledgeFlags(flags: FlagRef[], acknowledged: boolean): Promise<BoardView>;
  /** Sets the review status and/or comment of one or more frames (kept in the board's frameproof.json). */
  setReview(frameIds: string[], change: ReviewChange): Promise<BoardView>;
  /** Each of two frames takes the other's caption, written where each came from; one undo step. */
  swapCaptions(frameId: string, otherFrameId: string): Promise<BoardView>;
  /** The frame takes another shot's caption: by default the one the analysis found fits it best (bestOther). One undo step. */
  takeCaption(frameId: string, fromFrameId?: string): Promise<BoardView>;
  /** Saves the board's settings (refused with every problem when a value is out of range) and shows the cached view; scoreBoard then does what they need. */
  updateSettings(patch: SettingsPatch): Promise<BoardView>;
  /** Corrects which screenplay heading a scene has: its index in Board.script.headings, null for none, 'auto' to match it again. */
  setSceneHeading(sceneId: string, headingIndex: number | null | 'auto'): Promise<BoardView>;
  updateEngineSettings(patch: EngineSettingsPatch): Promise<AppInfo>;
  exportBoard(format: ExportFormat, choices?: ExportChoices): Promise<ExportDelivery>;
  listModels(): Promise<ModelList>;
  /** Downloads a catalog model (resumable, checksummed); progress arrives through onModelProgress. */
  downloadModel(id: string): Promise<ModelList>;
  cancelModelDownload(): Promise<void>;
  /** Removes a model; when it was the one in use, the list's inUse says what is used instead. */
  removeModel(id: string): Promise<ModelList>;
  /** Registers a model folder the person has (checked before it is registered); name defaults to the folder's. */
  importModel(folder: string, name?: string): Promise<ModelList>;
  /** Electron: the OS folder dialog; null when cancelled. The web host has none (the page asks for a path). */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>;
  /** Subfolders of a folder (null: the home folder), for the web page's folder browser. */
  listFolders(folder: string | null): Promise<FolderListing>;
  /** Two or more installed models on the open board, side by side; progress through onCompareProgress. */
  compareModels(models: string[]): Promise<ModelComparison>;
  /** Writes the last comparison as HTML or JSON (the web host returns a URL to download it). */
  exportComparison(format: 'html' | 'json'): Promise<ExportDelivery>;
  onProgress(listener: (progress: ScoreProgress) => void): Unsubscribe;
  onBoardChanged(listener: (view: BoardView) => void): Unsubscribe;
  onNotice(listener: (notice: AppNotice) => void): Unsubscribe;
  onModelProgress(listener: (progress: ModelDownloadProgress) => void): Unsubscribe;
  onCompareProgress(listener: (progress: ComparisonProgress) => void): Unsubscribe;
  /** Menu commands for the page (Electron's app menu). */
  onCommand(listener: (command: 'settings' | 'export') => void): Unsubscribe;
}

/** The request-response half of the API: what crosses IPC and HTTP as calls. */
export type FrameproofCalls = { [K in keyof FrameproofApi as K extends `on${string}` ? never : K]: FrameproofApi[K] };
export type FrameproofMethod = keyof FrameproofCalls;

/** Events pushed from the engine to the page. */
export type FrameproofEvent =
  | { type: 'progress'; progress: ScoreProgress }
  | { type: 'boardChanged'; view: BoardView }
  | { type: 'notice'; notice: AppNotice }
  | { type: 'modelProgress'; progress: ModelDownloadProgress }
  | { type: 'compareProgress'; progress: ComparisonProgress }
  /** A menu command for the page (Electron's app menu). */
  | { type: 'command'; command: 'settings' | 'export' };
