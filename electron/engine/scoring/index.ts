// Scoring a board: embeddings through the cache, progress, and the analysis built from them.
export { analyze, frameScores, scoredCaptionOf } from './buildAnalysis.ts';
export { embedBoard, type EmbeddingContext, type FrameEmbeddings } from './embedBoard.ts';
export { modelIdentity, preprocessVersion } from './modelIdentity.ts';
export { ProgressTracker } from './progress.ts';
