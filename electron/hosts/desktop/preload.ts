/// <reference lib="dom" />
// The page's only door to the engine: window.frameproof, one method per API call, each on its
// derived channel. Results are unwrapped here; errors reach the page as plain data.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { FrameproofApi, FrameproofEvent, Result } from '../../common/api.ts';
import { API_METHODS, channelOf, DROP_CHANNEL, EVENT_CHANNEL } from '../../common/methods.ts';

async function call(method: (typeof API_METHODS)[number], args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channelOf(method), ...args)) as Result<unknown>;
  if (result.ok) return result.value;
  // Error objects lose their fields across the bridge; a plain object keeps code, file and fix.
  throw result.error;
}

function subscribe(filter: (event: FrameproofEvent) => void): () => void {
  const listener = (_event: unknown, payload: FrameproofEvent) => filter(payload);
  ipcRenderer.on(EVENT_CHANNEL, listener);
  return () => ipcRenderer.off(EVENT_CHANNEL, listener);
}

const api = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as FrameproofApi;
api.onProgress = (listener) => subscribe((e) => e.type === 'progress' && listener(e.progress));
api.onBoardChanged = (listener) => subscribe((e) => e.type === 'boardChanged' && listener(e.view));
api.onNotice = (listener) => subscribe((e) => e.type === 'notice' && listener(e.notice));
api.onModelProgress = (listener) => subscribe((e) => e.type === 'modelProgress' && listener(e.progress));
api.onCompareProgress = (listener) => subscribe((e) => e.type === 'compareProgress' && listener(e.progress));
api.onCommand = (listener) => subscribe((e) => e.type === 'command' && listener(e.command));

contextBridge.exposeInMainWorld('frameproof', api);

// A folder dropped on the window opens it: only the preload can see a dropped file's path.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) ipcRenderer.send(DROP_CHANNEL, webUtils.getPathForFile(file));
});
