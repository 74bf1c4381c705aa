// The Electron main process: lifecycle, window, menu, dialogs, the frameproof:// protocol and IPC
// wiring. The engine runs in a utility process (engineClient.ts); nothing heavy happens here.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, shell, type MenuItemConstructorOptions } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  BoardView,
  ExportChoices,
  ExportFormat,
  FolderPurpose,
  FrameproofEvent,
  FrameproofMethod,
  RecentBoard,
  Result,
} from '../../common/api.ts';
import { API_METHODS, channelOf, DROP_CHANNEL, EVENT_CHANNEL } from '../../common/methods.ts';
import { isComparisonFormat, isExportFormat } from '../../common/values.ts';
import { appRoot, appVersion, rendererDir, resourcesDir } from '../shared/appPaths.ts';
import { openLog, LOG_FILE_NAME } from '../../platform/log.ts';
import { EngineClient } from './engineClient.ts';
import { forkUtilityProcess } from './electronEngineProcess.ts';
import { APP_ORIGIN, APP_SCHEME, isExternalLink, isTrustedSender, protocolTarget } from './appProtocol.ts';
import { folderFromArgs } from './launchArgs.ts';
import { restoreWindowState } from './windowState.ts';
import { CONTENT_SECURITY_POLICY } from '../../common/contentSecurity.ts';
import { writeFileAtomicSync } from '../../platform/atomicWrite.ts';

const HELP_URL = 'https://github.com/frameproof/frameproof#readme';
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

const dataDir = process.env.FRAMEPROOF_DATA_DIR ?? join(app.getPath('appData'), 'Frameproof');
const windowStateFile = join(dataDir, 'window-state.json');
/** One log for the app: main's lines and the engine's, which it forwards here. */
const logger = openLog({ dir: dataDir, process: 'main' });
let window: BrowserWindow | undefined;
let engine: EngineClient;
/** The board open in the engine, reopened after the engine process is restarted. */
let openFolderPath: string | undefined;

function send(event: FrameproofEvent): void {
  window?.webContents.send(EVENT_CHANNEL, event);
}

async function call(method: FrameproofMethod, ...args: unknown[]): Promise<Result<unknown>> {
  return engine.request({ kind: 'call', method, args });
}

/** Opens a folder, or with none the sample board (the engine copies it somewhere writable first). */
async function openFolder(folder: string | null): Promise<void> {
  const result = folder === null ? await call('openSampleBoard') : await call('openBoard', folder);
  if (result.ok) {
    openFolderPath = (result.value as BoardView).board.folder;
    send({ type: 'boardChanged', view: result.value as BoardView });
    void call('scoreBoard').then((scored) => scored.ok && send({ type: 'boardChanged', view: scored.value as BoardView }));
  } else send({ type: 'notice', notice: { level: 'error', message: result.error.message, error: result.error } });
  await buildMenu();
}

const FOLDER_DIALOG_TITLES: Record<FolderPurpose, string> = { board: 'Open a storyboard folder', model: 'Import a model folder' };

/** The OS folder dialog; null when cancelled (or there is no window to hang it on). */
async function pickFolder(purpose: FolderPurpose): Promise<string | null> {
  if (!window) return null;
  const picked = await dialog.showOpenDialog(window, { title: FOLDER_DIALOG_TITLES[purpose], properties: ['openDirectory'] });
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}

async function chooseFolder(): Promise<void> {
  const folder = await pickFolder('board');
  if (folder) await openFolder(folder);
}

const EXPORT_FILTERS: Record<ExportFormat, Electron.FileFilter> = {
  csv: { name: 'CSV shot list', extensions: ['csv'] },
  html: { name: 'HTML report', extensions: ['html'] },
  pdf: { name: 'PDF contact sheet', extensions: ['pdf'] },
  json: { name: 'JSON', extensions: ['json'] },
};

async function exportBoard(format: ExportFormat, choices?: ExportChoices): Promise<Result<unknown>> {
  if (!window) return { ok: false, error: { code: 'NO_WINDOW', message: 'No window.' } };
  const current = await call('currentBoard');
  const name = current.ok && current.value ? (current.value as BoardView).board.name : 'storyboard';
  const saved = await dialog.showSaveDialog(window, {
    title: 'Export',
    defaultPath: `${name}-shotlist.${format}`,
    filters: [EXPORT_FILTERS[format]],
  });
  if (saved.canceled || !saved.filePath) return { ok: false, error: { code: 'CANCELLED', message: 'Export cancelled.' } };
  const result = await engine.request({ kind: 'exportTo', format, file: saved.filePath, ...(choices && { choices }) });
  return result.ok ? { ok: true, value: { ...(result.value as object), url: null } } : result;
}

async function exportComparison(format: 'html' | 'json'): Promise<Result<unknown>> {
  if (!window) return { ok: false, error: { code: 'NO_WINDOW', message: 'No window.' } };
  const saved = await dialog.showSaveDialog(window, {
    title: 'Export the comparison',
    defaultPath: `model-comparison.${format}`,
    filters: [EXPORT_FILTERS[format]],
  });
  if (saved.canceled || !saved.filePath) return { ok: false, error: { code: 'CANCELLED', message: 'Export cancelled.' } };
  const result = await engine.request({ kind: 'exportComparisonTo', format, file: saved.filePath });
  return result.ok ? { ok: true, value: { ...(result.value as object), url: null } } : result;
}

async function recentBoards(): Promise<RecentBoard[]> {
  const info = await call('getAppInfo');
  return info.ok ? (info.value as { recentBoards: RecentBoard[] }).recentBoards : [];
}

async function buildMenu(): Promise<void> {
  const recent = await recentBoards();
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => void chooseFolder() },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((b) => ({ label: b.name, sublabel: b.folder, click: () => void openFolder(b.folder) }))
            : [{ label: 'No recent boards', enabled: false }],
        },
        { label: 'Open the Sample Board', click: () => void openFolder(null) },
        { type: 'separator' },
        ...(['csv', 'html', 'pdf', 'json'] as const).map((format, i) => ({
          label: `Export ${EXPORT_FILTERS[format].name}…`,
          ...(i === 0 && { accelerator: 'CmdOrCtrl+E' }),
          click: () =>
            void exportBoard(format).then((r) =>
              send({
                type: 'notice',
                notice: r.ok
                  ? { level: 'info', message: `Exported to ${(r.value as { file: string }).file}` }
                  : { level: 'error', message: r.error.message },
              }),
            ),
        })),
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Board',
      submenu: [
        {
          label: 'Rescore',
          accelerator: 'CmdOrCtrl+R',
          click: () => void call('scoreBoard').then((r) => r.ok && send({ type: 'boardChanged', view: r.value as BoardView })),
        },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => send({ type: 'command', command: 'settings' }) },
      ],
    },
    { role: 'viewMenu' },
    { role: 'help', submenu: [{ label: 'Frameproof Help', click: () => void shell.openExternal(HELP_URL) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function readWindowState(): unknown {
  try {
    return JSON.parse(readFileSync(windowStateFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function createWindow(): BrowserWindow {
  const state = restoreWindowState(
    readWindowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    title: 'Frameproof',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      // Blocking: the app may quit before an await here would resume.
      writeFileAtomicSync(windowStateFile, JSON.stringify({ ...win.getNormalBounds(), maximized: win.isMaximized() }));
    } catch {
      // Not worth bothering the person about on the way out.
    }
  });
  // Our page never navigates; links go to the system browser, web pages only.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function registerProtocol(): void {
  const root = rendererDir();
  protocol.handle(APP_SCHEME, async (request) => {
    const target = protocolTarget(request.url, root);
    if (target.kind === 'refused') return new Response('Not found', { status: 404 });
    let file: string;
    if (target.kind === 'renderer') file = target.file;
    else {
      // Frames by id, looked up by the engine among the open board's frames: nothing else.
      const found = await engine.request({ kind: 'frameImage', frameId: target.frameId, size: target.size });
      if (!found.ok) return new Response('Not found', { status: 404 });
      file = found.value as string;
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    if (target.kind === 'renderer') headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}

function registerIpc(): void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame?.url) || event.senderFrame !== event.sender.mainFrame) {
        return { ok: false, error: { code: 'REFUSED', message: "Refused: not Frameproof's own page." } };
      }
      // The engine process parses every call's arguments (hosts/shared/handlers.ts, the one
      // validation point); only the two exports that main delivers itself are checked here.
      if (method === 'exportBoard') {
        // The choices are checked by the engine process with the other arguments (engineHost.ts).
        const [format, choices] = args;
        if (args.length < 1 || args.length > 2 || !isExportFormat(format)) {
          return {
            ok: false,
            error: { code: 'INVALID_ARGUMENT', message: 'Bad arguments for exportBoard: an export format is expected.' },
          };
        }
        return exportBoard(format, choices as ExportChoices | undefined);
      }
      if (method === 'exportComparison') {
        const format = args[0];
        if (args.length !== 1 || !isComparisonFormat(format)) {
          return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `Bad arguments for ${method}: an export format is expected.` } };
        }
        return exportComparison(format as 'html' | 'json');
      }
      if (method === 'chooseFolder') {
        const purpose = args[0];
        if (args.length !== 1 || (purpose !== 'board' && purpose !== 'model')) {
          return {
            ok: false,
            error: { code: 'INVALID_ARGUMENT', message: 'Bad arguments for chooseFolder: "board" or "model" is expected.' },
          };
        }
        return { ok: true, value: await pickFolder(purpose) };
      }
      const result = await call(method, ...args);
      if ((method === 'openBoard' || method === 'openSampleBoard') && result.ok) {
        openFolderPath = (result.value as BoardView).board.folder;
        void buildMenu();
      }
      return result;
    });
  }
  ipcMain.on(DROP_CHANNEL, (event, path: unknown) => {
    if (isTrustedSender(event.senderFrame?.url) && typeof path === 'string' && path.length < 4096) void openFolder(path);
  });
}

app.on('second-instance', (_event, argv, cwd) => {
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
  const folder = folderFromArgs(argv, cwd);
  if (folder) void openFolder(folder);
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** In development, the better-sqlite3 build for Electron's ABI that build/electron-native.mjs made. */
function sqliteBindingEnv(): Record<string, string> {
  if (app.isPackaged) return {};
  const binding = join(appRoot(), '.cache', 'electron-native', process.versions.electron, 'better_sqlite3.node');
  return existsSync(binding) ? { FRAMEPROOF_SQLITE_BINDING: binding } : {};
}

app.whenReady().then(async () => {
  logger.info(`Frameproof ${appVersion()} started (Electron ${process.versions.electron}, ${process.platform} ${process.arch})`);
  engine = new EngineClient({
    entry: join(import.meta.dirname, 'engineHost.js'),
    fork: forkUtilityProcess,
    env: sqliteBindingEnv(),
    config: { version: appVersion(), resourcesDir: resourcesDir(), dataDir },
    logger,
    logFile: join(dataDir, LOG_FILE_NAME),
    onEvent: (event) => send(event),
    onCrash: (message, _exit, restarted) => {
      send({ type: 'notice', notice: { level: 'error', message, error: { code: 'ENGINE_STOPPED', message } } });
      // The restarted engine starts empty: give it the board back (scores come from the cache).
      if (restarted && openFolderPath) void openFolder(openFolderPath);
    },
  });
  registerProtocol();
  registerIpc();
  await buildMenu();
  window = createWindow();
  const folder = folderFromArgs(process.argv, process.cwd());
  if (folder) window.webContents.once('did-finish-load', () => void openFolder(folder));
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!engine) return;
  event.preventDefault();
  const client = engine;
  engine = undefined as unknown as EngineClient;
  void client
    .stop()
    .then(({ killed }) => logger.info(killed ? 'quit: the engine was killed after it did not shut down' : 'quit'))
    .finally(() => app.exit(0));
});
