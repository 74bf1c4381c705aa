// The Models dialog's order: the model in use first (a folder given with --model included, though it
// is in no registry), then the installed ones, then those whose folder is gone, then downloads.
import type { ModelInUse, ModelList, ModelListEntry } from '../../common/api.ts';

const RANK: Record<ModelListEntry['status'], number> = { installed: 1, missing: 2, available: 3 };

function isInUse(entry: ModelListEntry, inUse: ModelInUse | null): boolean {
  if (!inUse) return false;
  return inUse.id !== null ? entry.id === inUse.id : entry.status === 'installed' && entry.path === inUse.dir;
}

function folderEntry(inUse: ModelInUse): ModelListEntry {
  return {
    id: inUse.dir,
    name: inUse.name,
    status: 'installed',
    isDefault: false,
    inUse: true,
    source: 'folder',
    variant: null,
    embeddingDim: null,
    description: 'The model folder given when Frameproof started.',
    path: inUse.dir,
    diskBytes: 0,
    partialBytes: 0,
    downloadBytes: null,
    approxDownloadBytes: null,
    warnings: [],
  };
}

/** Marks the model in use and orders the list; the sort is stable, so the catalog order holds within a group. */
export function orderModelList(list: ModelList, inUse: ModelInUse | null): ModelList {
  const marked = list.models.map((entry) => ({ ...entry, inUse: isInUse(entry, inUse) }));
  if (inUse && !marked.some((e) => e.inUse)) marked.push(folderEntry(inUse));
  const rank = (e: ModelListEntry) => (e.inUse ? 0 : RANK[e.status]);
  return { ...list, inUse, models: marked.sort((a, b) => rank(a) - rank(b)) };
}
