// The board folder's public API: open a storyboard folder (frames, scenes, captions and where
// each caption came from), and write a caption back to its source, with undo. containment.ts is
// the one rule for what belongs to a board; the frame server asks it through frameImageFile.
export { openBoard, type OpenBoardOptions } from './openBoard.ts';
export { writeCaption, undoCaption, type CaptionWriteOptions } from './captionWriter.ts';
export { nodeFs, type BoardFs } from './atomicWrite.ts';
export { naturalCompare } from './naturalSort.ts';
export { FRAME_EXTENSIONS } from './frameFiles.ts';
export { boardBoundary, boardRelativeRef, frameImageFile, isInsideBoard, resolveInBoard, type BoardBoundary, type ResolvedPath } from './containment.ts';
