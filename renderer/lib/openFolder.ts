// "Open another folder": Electron shows the OS dialog; the web page opens its own dialog with a
// path field, the recent folders and a folder browser (the page cannot read the disk itself).
import { api, host } from './api.ts';
import { app } from './state/app.svelte.ts';

export async function openAnotherFolder(): Promise<void> {
  if (host === 'web') {
    app.openFolderOpen = true;
    return;
  }
  const folder = await api.chooseFolder('board');
  if (folder) await app.open(folder);
}
