// Models: the catalog, downloads (resume, checksum, proxy, mirror), imports of local folders, and
// the registry of what is installed. Other folders use this file only.
export { BUNDLED_CATALOG, fileUrl, findCatalogModel, loadCatalog, parseCatalog, type Catalog, type CatalogOptions } from './catalog.ts';
export { statfsFreeBytes, type FreeBytes } from './diskSpace.ts';
export { nodeDownloadFs, type DownloadFs } from './downloadFile.ts';
export type { DownloadOptions } from './downloadModel.ts';
export type { ImportOptions } from './importModel.ts';
export { defaultRetryDelayMs, ModelManager, resolveModelArg, type ModelManagerOptions } from './manager.ts';
export { modelPaths, type ModelPaths } from './paths.ts';
export { formatBytes, formatDuration } from './progress.ts';
export { validateModelFolder, type ModelCheck } from './validateModel.ts';
