// The board folder's public API: open a storyboard folder (frames, scenes, captions and where
// each caption came from), the caption text CLIP reads (prompt syntax cleaned), and write a
// caption back to its source, with undo. containment.ts is the one rule for what belongs to a
// board; the frame server asks it through frameImageFile. The screenplay's scene headings come
// with the board (Board.script); the shot list's framing and setting columns are read by shotListSpec.
export { openBoard, type OpenBoardOptions } from './openBoard.ts';
export { writeCaption, undoCaption, type CaptionWriteOptions } from './captionWriter.ts';
export { CaptionHistory, captionLabel, swapLabel, type HistoryEntry } from './captionHistory.ts';
export { frameOnBoard, swapWrites, takeWrite, undoCaptionEdits, writeCaptionsTogether, type CaptionWrite } from './captionSteps.ts';
export { naturalCompare } from './naturalSort.ts';
export { FRAME_EXTENSIONS } from './frameFiles.ts';
export { captionForScoring, cleanPromptSyntax, scoredCaption, type CleanedPrompt, type ScoredCaption } from './promptSyntax.ts';
export {
  boardBoundary,
  boardRelativeRef,
  frameImageFile,
  isInsideBoard,
  resolveInBoard,
  type BoardBoundary,
  type ResolvedPath,
} from './containment.ts';
export { headingOfScene, withSceneHeadings } from './sceneMatch.ts';
export { shotListSpec, shotSizeOf, type ShotListSpec, type ShotListStatement, type ShotSize } from './shotList.ts';
export { SCRIPT_EXTENSIONS } from './screenplay.ts';
export { FRAMEPROOF_COLUMN_PREFIX, COMMENT_COLUMN, STATUS_COLUMN, frameproofColumn, isFrameproofColumn } from './frameproofColumns.ts';
