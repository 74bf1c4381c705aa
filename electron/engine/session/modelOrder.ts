// The Models dialog's order: the model in use first, then the installed ones (a folder given with
// --model among them, though it is in no registry), then those whose folder is gone, then downloads.
// And the one rule for what replaces the model in use when it is removed.
import type { ModelInUse, ModelList, ModelListEntry } from '../../common/api.ts';

const RANK: Record<ModelListEntry['status'], number> = { installed: 1, missing: 2, available: 3 };

function isInUse(entry: ModelListEntry, inUse: ModelInUse | null): boolean {
  if (!inUse) return false;
  return inUse.id !== null ? entry.id === inUse.id : entry.status === 'installed' && entry.path === inUse.dir;
}

/** A folder given at start: its id is its path, which is also what selects it (--model DIR). */
function folderEntry(folder: ModelInUse): ModelListEntry {
  return {
    id: folder.dir,
    name: folder.name,
    status: 'installed',
    isDefault: false,
    inUse: false,
    source: 'folder',
    variant: null,
    embeddingDim: null,
    description: 'The model folder given when Frameproof started.',
    path: folder.dir,
    diskBytes: 0,
    partialBytes: 0,
    downloadBytes: null,
    approxDownloadBytes: null,
    warnings: [],
  };
}

/**
 * Marks the model in use and orders the list (a stable sort: catalog order holds within a group).
 * `started` is a folder given at start that no registry entry points at.
 */
export function orderModelList(list: ModelList, inUse: ModelInUse | null, started: ModelInUse | null = null): ModelList {
  const entries = [...list.models];
  if (started && !entries.some((e) => e.path === started.dir)) entries.push(folderEntry(started));
  if (inUse && inUse.id === null && !entries.some((e) => e.path === inUse.dir)) entries.push(folderEntry(inUse));
  const marked = entries.map((entry) => ({ ...entry, inUse: isInUse(entry, inUse) }));
  const rank = (e: ModelListEntry) => (e.inUse ? 0 : RANK[e.status]);
  return { ...list, inUse, models: marked.sort((a, b) => rank(a) - rank(b)) };
}

/**
 * What the session uses once the model `removedId` is gone: the model it started with, else the
 * default model, else the first installed one; null when nothing is left. Returns the entry's id,
 * which is what --model takes (a folder's id is its path).
 */
export function replacementFor(list: ModelList, removedId: string, startedWith: string | undefined): ModelListEntry | null {
  const usable = list.models.filter((m) => m.status === 'installed' && m.id !== removedId);
  return (
    usable.find((m) => startedWith !== undefined && (m.id === startedWith || m.path === startedWith)) ??
    usable.find((m) => m.id === list.defaultId) ??
    usable[0] ??
    null
  );
}
