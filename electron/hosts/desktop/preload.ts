/// <reference lib="dom" />
// The page's only door to the engine: window.frameproof, built by common/apiClient.ts over IPC,
// each call on its derived channel. Results are unwrapped here; errors reach the page as plain data.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { FrameproofEvent, FrameproofMethod, Result } from '../../common/api.ts';
import { createApiClient } from '../../common/apiClient.ts';
import { channelOf, DROP_CHANNEL, EVENT_CHANNEL } from '../../common/methods.ts';

async function call(method: FrameproofMethod, args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channelOf(method), ...args)) as Result<unknown>;
  if (result.ok) return result.value;
  // Error objects lose their fields across the bridge; a plain object keeps code, file and fix.
  throw result.error;
}

function subscribe(deliver: (event: FrameproofEvent) => void): () => void {
  const listener = (_event: unknown, payload: FrameproofEvent) => deliver(payload);
  ipcRenderer.on(EVENT_CHANNEL, listener);
  return () => ipcRenderer.off(EVENT_CHANNEL, listener);
}

contextBridge.exposeInMainWorld('frameproof', createApiClient(call, subscribe));

// A folder dropped on the window opens it: only the preload can see a dropped file's path.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) ipcRenderer.send(DROP_CHANNEL, webUtils.getPathForFile(file));
});
