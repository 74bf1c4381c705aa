// Boards: a storyboard folder, its frames, and where each caption lives
import type { ReviewStatus } from './analysis.ts';
import type { AppErrorData } from './core.ts';

// Plain data all the way down, so a Board crosses IPC and HTTP as it is.
// Every `file` below is relative to Board.folder, with forward slashes.

/** How a caption file's bytes are encoded; 'windows-1252' is what "Latin-1" files really are. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type StoryboarderCaptionField = 'action' | 'dialogue' | 'notes';

export type ImageMetadataField =
  | 'png:parameters'
  | 'png:prompt'
  | 'png:Description'
  | 'png:Comment'
  | 'exif:ImageDescription'
  | 'exif:UserComment'
  | 'exif:XPComment'
  | 'xmp:dc:description';

/** The tool whose prompt format a metadata caption was read in, when recognised. */
export type PromptGenerator = 'a1111' | 'comfyui' | 'novelai';

/** Where a frame's caption came from, precise enough to write it back there. */
export type CaptionSource =
  /** shots.csv: row is the 1-based data row (the header is row 0), line the 1-based line it starts on. */
  | { kind: 'manifest-csv'; file: string; row: number; line: number; column: string }
  /** storyboard.json: index into its `shots` array. */
  | { kind: 'manifest-json'; file: string; index: number }
  | { kind: 'storyboarder'; file: string; boardUid: string; boardIndex: number; field: StoryboarderCaptionField }
  | { kind: 'sidecar'; file: string; encoding: TextEncodingName; sizeBytes: number }
  | { kind: 'image-metadata'; file: string; field: ImageMetadataField; generator: PromptGenerator | null }
  | { kind: 'none' };

export type CaptionSourceKind = CaptionSource['kind'];

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something about the folder a person may want to fix; the board opens regardless. */
export interface BoardProblem extends AppErrorData {
  severity: ProblemSeverity;
  /** The frame it concerns, when it concerns one. */
  frameId?: string;
}

export interface ShotLabel {
  /** From the manifest's shot column, the Storyboarder board, or the last number in the file name. */
  number: number | null;
  label: string;
}

/** A manifest column Frameproof does not interpret, carried along for the export. */
export interface ExtraField {
  name: string;
  value: string;
}

export interface StoryboarderBoardInfo {
  file: string;
  boardUid: string;
  boardIndex: number;
  durationMs: number | null;
  /** posterframe: Storyboarder's own flattened JPEG; composite: layers flattened by Frameproof into the cache. */
  image: 'posterframe' | 'composite';
}

export interface Frame {
  /** Relative path, forward slashes; for a Storyboarder board its images/<url>, whichever image is scored. */
  id: string;
  name: string;
  /** Absolute path of the image to score (a cache file for a composited Storyboarder board). */
  path: string;
  sceneId: string;
  shot: ShotLabel;
  sizeBytes: number;
  mtimeMs: number;
  caption: string | null;
  captionSource: CaptionSource;
  /** Prompt-like text from PNG chunks, EXIF or XMP: the drift check cleans prompt syntax for these. */
  captionFromImageMetadata: boolean;
  /** The manifest row or Storyboarder board that lists this frame, even when its caption there is empty. */
  entry: CaptionSource | null;
  extra: ExtraField[];
  /** The review a Frameproof export's status and comment columns hold for this frame, when the manifest has them. */
  sheetReview?: SheetReview;
  storyboarder?: StoryboarderBoardInfo;
  problems: BoardProblem[];
}

export interface Scene {
  /** '.' for the frames at the top of the folder, the relative path for a subfolder, 'manifest:<name>' for a scene only the manifest names. */
  id: string;
  name: string;
  /** Relative folder ('.' for the top level); null for a scene only the manifest names. */
  folder: string | null;
  frameIds: string[];
}

/** The manifest's columns (CSV header as written, JSON key) that Frameproof reads for each role; null: none. */
export interface ManifestRoles {
  file: string | null;
  caption: string | null;
  shot: string | null;
  scene: string | null;
}

/** A review status and comment a Frameproof export wrote into the sheet, read back from it. */
export interface SheetReview {
  /** null: the cell is empty (a cell naming no status is a board problem, and reads as empty). */
  status: ReviewStatus | null;
  comment: string;
}

export interface ManifestInfo {
  file: string;
  format: 'csv' | 'json';
  encoding: TextEncodingName;
  /** CSV only. */
  separator?: ',' | ';' | '\t';
  /** Every column (CSV header) or key (JSON, first-seen order). */
  columns: string[];
  /** The columns carried along as Frame.extra, in file order. */
  extraColumns: string[];
  /** Which column holds what Frameproof reads (absent: a manifest read before roles were kept). */
  roles?: ManifestRoles;
  /** Columns a Frameproof export added ("Frameproof: cosine"): recognised, not carried as Frame.extra. */
  frameproofColumns?: string[];
  rowCount: number;
}

/** Where a scene happens, as the screenplay heading says: interior, exterior, or both (INT./EXT., I/E). */
export type ScriptSetting = 'interior' | 'exterior' | 'both';

/** The times of day a frame can be checked against; the script's words map onto these. */
export type TimeOfDay = 'day' | 'night' | 'dusk';

/** One scene heading of the screenplay ("EXT. DESERT - NIGHT"). */
export interface SceneHeading {
  /** Position among the script's headings, from 0. */
  index: number;
  /** The heading as written, scene number left out. */
  text: string;
  /** The scene number: Fountain's #12#, Final Draft's Number attribute; Storyboarder writes "1-7BUNG". */
  number: string | null;
  setting: ScriptSetting | null;
  location: string;
  /** The time as written ("NIGHT", "CONTINUOUS", "LATER"); null when the heading has none. */
  time: string | null;
  /** The time of day it means: CONTINUOUS and LATER take the previous heading's; null when unknown. */
  timeOfDay: TimeOfDay | null;
  /** 1-based line of the script file the heading is on. */
  line: number;
}

/** How a board scene was matched to its heading. */
export type SceneMatchMethod = 'scene-number' | 'scene-name' | 'order' | 'setting';

export interface SceneScriptMatch {
  sceneId: string;
  /** Index into ScriptInfo.headings; null: no heading (nothing is checked against the script). */
  headingIndex: number | null;
  /** 'setting': the person chose it (AnalysisSettings.sceneHeadings). */
  how: SceneMatchMethod;
}

/** The screenplay found with the board (a .fountain or .fdx file in the board or its Storyboarder project). */
export interface ScriptInfo {
  file: string;
  format: 'fountain' | 'fdx';
  headings: SceneHeading[];
  /** One entry per board scene that has a heading, in scene order. */
  scenes: SceneScriptMatch[];
}

export interface Board {
  folder: string;
  name: string;
  scenes: Scene[];
  /** Story order, scene by scene. */
  frames: Frame[];
  problems: BoardProblem[];
  manifest?: ManifestInfo;
  /** The screenplay and which heading each scene has; absent when the board has no script. */
  script?: ScriptInfo;
}

/** What writeCaption did, with what undoCaption needs to put the bytes back exactly. */
export interface CaptionEdit {
  frameId: string;
  /** The caption as written (redo writes it again). */
  text: string;
  /** Where the caption was written (a new sidecar for a metadata or missing caption). */
  target: CaptionSource;
  /** The caption text the target held before; null when it held none or the file was created. */
  previousText: string | null;
  createdFile: boolean;
  encoding: TextEncodingName;
  previousEncoding: TextEncodingName;
  /** The change in the file's decoded text: at offset, `removed` was replaced by `inserted`. */
  change: { offset: number; removed: string; inserted: string };
  /** The frame's caption fields before the edit, restored by undo. */
  previousFrame: Pick<Frame, 'caption' | 'captionSource' | 'captionFromImageMetadata'>;
  /** The frame after the edit. */
  frame: Frame;
}

/** One step of the board's undo history, as the app labels it. */
export interface HistoryStep {
  frameId: string;
  /** "caption of shot 1C": the app shows "Undo caption of shot 1C". */
  label: string;
}

/** The board's undo and redo stacks, the next step first. */
export interface EditHistory {
  undo: HistoryStep[];
  redo: HistoryStep[];
}
