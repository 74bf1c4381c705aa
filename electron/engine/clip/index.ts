// The CLIP engine: tokenizer, preprocessing, sessions and providers, batched embedding.
export { clipScore, dot, l2Normalize } from './vectors.ts';
export { ClipModel, type ImageEmbedOptions, type ImageEmbedding, type ImageSource, type TextEmbedding } from './embedder.ts';
export { type RawImage } from './pilResample.ts';
export { prepareImageBatch, type PreparedBatch } from './imageBatch.ts';
export { locateModelFiles, towerPaths, type ModelFiles, type OnnxDtype } from './modelFolder.ts';
export { CLIP_PREPROCESS, loadPreprocessConfig, type PreprocessConfig } from './preprocessConfig.ts';
export { ClipTokenizer } from './tokenizer.ts';
export { preprocessImage } from './preprocess.ts';
export { parseProviderChoice, providerBatchSizes } from './providers.ts';
export { onnxRuntime, sharpLibrary } from './native.ts';
export { roomToOpen, RUN_MEMORY_BUDGET_BYTES } from './memoryRoom.ts';
