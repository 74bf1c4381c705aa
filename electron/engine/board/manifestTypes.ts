// What a manifest (shots.csv or storyboard.json) says about each frame it names.
import type { BoardProblem, CaptionSource, ExtraField, ManifestInfo, SheetReview } from '../../common/api.ts';

export interface ManifestEntry {
  /** The file name as written in the manifest. */
  file: string;
  /** The same, as a board-relative path with forward slashes. */
  ref: string;
  caption: string | null;
  shot: string | null;
  scene: string | null;
  extra: ExtraField[];
  /** The row's Frameproof status and comment columns, when the sheet has them. */
  review?: SheetReview;
  /** Where its caption is written back; null when the manifest has no caption column. */
  source: CaptionSource | null;
  /** "shots.csv row 3 (line 4)", for messages. */
  where: string;
}

export interface ManifestRead {
  info: ManifestInfo;
  entries: ManifestEntry[];
  problems: BoardProblem[];
}
