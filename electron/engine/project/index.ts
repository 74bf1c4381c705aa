// Project settings: frameproof.json in the board folder, or the database for read-only folders.
export { loadSettings, saveSettings } from './settingsStore.ts';
