// Scoring a board: embeddings through the cache, what is computed from pixels on the way (palette
// statistics, the whole of wide frames, the grid thumbnails), progress, and the cosines the analysis reads.
export { boardScores, captionScore, type BoardScores } from './frameScores.ts';
export { embedBoard, type EmbeddingContext, type FrameEmbeddings } from './embedBoard.ts';
export { labToHex, srgbToLab } from './colour.ts';
export { computePaletteStats, cropPalette, type PaletteOptions } from './palette.ts';
export { modelIdentity, preprocessVersion } from './modelIdentity.ts';
export { ProgressTracker } from './progress.ts';
export { THUMBNAIL_WIDTH, thumbnailFile, thumbnailPath, thumbnailStats } from './thumbnails.ts';
export { meanEmbedding, planWideFrame, type SquareCrop, type WideFramePlan } from './wideFrame.ts';
