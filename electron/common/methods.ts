// The API's method names as a value (the preload needs them at run time) and the IPC channel
// names derived from them, so no channel is ever typed by hand.
import type { FrameproofMethod } from './api.ts';

export const API_METHODS = [
  'getAppInfo',
  'currentBoard',
  'openBoard',
  'openSampleBoard',
  'scoreBoard',
  'cancelScoring',
  'setCaption',
  'undoCaption',
  'redoCaption',
  'countTokens',
  'acknowledgeFlag',
  'acknowledgeFlags',
  'setReview',
  'swapCaptions',
  'takeCaption',
  'updateSettings',
  'setSceneHeading',
  'updateEngineSettings',
  'exportBoard',
  'listModels',
  'downloadModel',
  'cancelModelDownload',
  'removeModel',
  'importModel',
  'chooseFolder',
  'listFolders',
  'compareModels',
  'exportComparison',
] as const satisfies readonly FrameproofMethod[];

// Compile-time: every method of the API is listed above.
type Missing = Exclude<FrameproofMethod, (typeof API_METHODS)[number]>;
const complete: Missing extends never ? true : Missing = true;
void complete;

export const CHANNEL_PREFIX = 'frameproof:';
export const EVENT_CHANNEL = 'frameproof:event';
/** The preload's drop handler asks main to open a dropped folder on this channel. */
export const DROP_CHANNEL = 'frameproof:drop-folder';

export function channelOf(method: FrameproofMethod): string {
  return `${CHANNEL_PREFIX}${method}`;
}

export function methodOfChannel(channel: string): FrameproofMethod | undefined {
  if (!channel.startsWith(CHANNEL_PREFIX)) return undefined;
  const name = channel.slice(CHANNEL_PREFIX.length);
  return (API_METHODS as readonly string[]).includes(name) ? (name as FrameproofMethod) : undefined;
}
