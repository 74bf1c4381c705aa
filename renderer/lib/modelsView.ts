// What the Models dialog says: which action a row offers, what removing asks first, and what the
// app says afterwards about the model it uses now.
import type { ModelList, ModelListEntry } from '../../electron/common/api.ts';

export type ModelAction = 'use' | 'remove' | 'download' | 'none';

/** The actions a row offers: a folder given at start is not Frameproof's to remove. */
export function modelActions(entry: ModelListEntry): ModelAction[] {
  if (entry.source === 'folder') return entry.inUse ? [] : ['use'];
  if (entry.status === 'installed') return entry.inUse ? ['remove'] : ['use', 'remove'];
  if (entry.status === 'missing') return ['remove'];
  return ['download'];
}

/** The question before removing the model in use (the engine says what replaces it); null when removing needs no question. */
export function removalQuestion(entry: ModelListEntry, list: ModelList): string | null {
  if (!entry.inUse) return null;
  const next = list.replacesInUse;
  return `${entry.name} is the model in use. ${next ? `Frameproof will switch to ${next} and rescore.` : 'No other model is installed: the board stays unscored until you download or import one.'}`;
}

/** After a removal: what is used now, said plainly. */
export function removalMessage(removed: string, wasInUse: boolean, after: ModelList): string {
  if (!wasInUse) return `${removed} was removed.`;
  return after.inUse
    ? `${removed} was removed. Frameproof now uses ${after.inUse.name}.`
    : `${removed} was removed. No model is installed now: download one or import a model folder.`;
}

/** The offline hint names only what the app really has. */
export function offlineHint(host: 'electron' | 'web'): string {
  return host === 'electron'
    ? 'Offline or behind a firewall? Use "Import folder…" below to add a model folder you already have (Hugging Face/Xenova or Immich layout).'
    : 'Offline or behind a firewall? Type the path of a model folder you already have (Hugging Face/Xenova or Immich layout) under "Import a model folder" below.';
}
