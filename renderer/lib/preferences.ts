// What the app remembers between runs on this computer (not the board's settings): whether the
// chart is folded and how large the thumbnails are. Read back defensively: storage is old input.
export type ThumbnailSize = 'small' | 'medium' | 'large';

export interface Preferences {
  chartCollapsed: boolean;
  thumbnailSize: ThumbnailSize;
}

export const DEFAULT_PREFERENCES: Preferences = { chartCollapsed: false, thumbnailSize: 'medium' };
const KEY = 'frameproof.preferences';
const SIZES: readonly ThumbnailSize[] = ['small', 'medium', 'large'];

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function readPreferences(store: KeyValueStore | undefined): Preferences {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(KEY) ?? 'null');
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
  const saved = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    chartCollapsed: typeof saved.chartCollapsed === 'boolean' ? saved.chartCollapsed : DEFAULT_PREFERENCES.chartCollapsed,
    thumbnailSize: SIZES.includes(saved.thumbnailSize as ThumbnailSize)
      ? (saved.thumbnailSize as ThumbnailSize)
      : DEFAULT_PREFERENCES.thumbnailSize,
  };
}

export function writePreferences(store: KeyValueStore | undefined, preferences: Preferences): void {
  try {
    store?.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // Storage full or refused (a private window): the choice holds for this run only.
  }
}
