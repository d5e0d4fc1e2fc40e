/**
 * Main-process entry: lifecycle only. The work lives in services (over the database) reached
 * through the contract; this file wires them to Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { resolveDbPath, schemaVersion } from '../db/open-database';
import { openServices } from '../services/open-services';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { guardClose } from './close-guard';
import { createHelpActions } from './help-menu';
import { emit, registerIpc } from './ipc';
import { initLog, logsDir } from './log';
import { buildMenu } from './menu';
import { printReportPdf } from './report-printer';
import { electronNativeBinding } from './native';
import { OpenRequestQueue, strategyPathsFromArgv } from './open-requests';
import { hardenSession, hardenWebContents, isTrustedSender } from './security';
import { createMainWindow } from './window';
import { stateFilePath } from './window-state';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const here = import.meta.dirname;
let mainWindow: BrowserWindow | null = null;
let closeGuard: ReturnType<typeof guardClose> | null = null;
let quitting = false;
app.on('before-quit', () => (quitting = true));

// Strategy files to open: this launch's argv now, a second launch's argv and macOS open-file
// events later. They wait in the queue until the services and the window exist.
const openRequests = new OpenRequestQueue();
openRequests.add(strategyPathsFromArgv(process.argv, process.cwd()));
// macOS sends open-file for a double-clicked file, possibly before 'ready'.
app.on('open-file', (event, filePath) => {
  event.preventDefault();
  openRequests.add([filePath]);
});

/** File → Open Strategy File…: the chosen files go the same way as a double-click. */
async function pickStrategyFiles(): Promise<void> {
  const dialogOptions: Electron.OpenDialogOptions = {
    title: 'Open strategy file',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Yield Planner strategies', extensions: ['yieldplan', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  if (!result.canceled) openRequests.add(result.filePaths);
}

/** The native open dialog; the chosen path stays in main (the renderer gets a token). */
async function pickOpenFile(options: {
  title: string;
  extensions: string[];
}): Promise<string | null> {
  const owner = mainWindow ?? undefined;
  const dialogOptions: Electron.OpenDialogOptions = {
    title: options.title,
    properties: ['openFile'],
    filters: [{ name: 'CSV files', extensions: options.extensions }],
  };
  const result = owner
    ? await dialog.showOpenDialog(owner, dialogOptions)
    : await dialog.showOpenDialog(dialogOptions);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The native save dialog for a report; PDF by default, self-contained HTML if the user picks it. */
async function pickReportPath(options: { defaultName: string }): Promise<string | null> {
  const dialogOptions: Electron.SaveDialogOptions = {
    title: 'Export report',
    defaultPath: path.join(app.getPath('documents'), options.defaultName),
    filters: [
      { name: 'PDF', extensions: ['pdf'] },
      { name: 'Web page (self-contained)', extensions: ['html'] },
    ],
  };
  const result = mainWindow
    ? await dialog.showSaveDialog(mainWindow, dialogOptions)
    : await dialog.showSaveDialog(dialogOptions);
  return result.canceled || !result.filePath ? null : result.filePath;
}

function fail(log: ReturnType<typeof initLog>, title: string, error: unknown): void {
  log.error(title, error);
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
}

async function start(): Promise<void> {
  const log = initLog();
  const userData = app.getPath('userData');
  const dbPath = resolveDbPath({ argv: process.argv, env: process.env, defaultDir: userData });
  log.info(`Yield Planner ${app.getVersion()} starting; database ${dbPath}`);

  const binding = electronNativeBinding(app.getAppPath());
  if (!binding) log.warn('no Electron build of better-sqlite3 in native/electron; run `npm start`');
  // Packaged: resources/ is copied beside the asar; unpackaged: the repo's resources/.
  const resourcesRoot = app.isPackaged
    ? process.resourcesPath
    : path.join(app.getAppPath(), 'resources');
  let services: Awaited<ReturnType<typeof openServices>>;
  try {
    services = await openServices({
      dbPath,
      ...(binding ? { nativeBinding: binding } : {}),
      resourcesRoot,
      host: {
        name: app.getName(),
        version: app.getVersion(),
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
        dbPath,
      },
      capabilities: {
        pickOpenFile,
        readyToClose: () => closeGuard?.allowClose() ?? false,
        report: { pickSavePath: pickReportPath, printPdf: printReportPdf },
        // electron.vite.config.ts builds the report view beside the renderer.
        reportBundleDir: path.join(here, '../report'),
      },
      // electron.vite.config.ts emits the Monte Carlo worker as its own entry beside index.js.
      riskWorkerUrl: new URL('./risk-worker.js', import.meta.url),
      computeWorkerUrl: new URL('./compute-worker.js', import.meta.url),
      onError: (what, error) => log.error(what, error),
    });
  } catch (error) {
    return fail(log, 'Yield Planner could not open its database', error);
  }
  // `services.db` is read when needed: it is the restored file after a restore, and absent while damaged.
  const { handlers, openedFiles } = services;
  app.on('will-quit', () => void services.close());
  hardenSession(session.defaultSession, devServerUrl);
  serveRenderer(path.join(here, '../renderer'));
  registerIpc({
    handlers,
    isTrustedSender: (frame) => isTrustedSender(frame, devServerUrl),
    onInternalError: (op, error) => log.error(`op ${op} failed`, error),
    onRefused: (op, url) => log.warn(`IPC ${op} refused from ${url ?? 'unknown frame'}`),
  });

  const devTools = !app.isPackaged;
  const preloadPath = path.join(here, '../preload/preload.cjs');
  if (!fs.existsSync(preloadPath)) log.error(`preload missing at ${preloadPath}`);
  const openWindow = () => {
    mainWindow = createMainWindow({
      preloadPath,
      stateFile: stateFilePath(userData),
      devServerUrl,
      devTools,
    });
    closeGuard = guardClose(mainWindow);
    mainWindow.on('closed', () => {
      mainWindow = null;
      closeGuard = null;
      // A Quit held back by the close guard's flush resumes once the window is gone (macOS too).
      if (quitting) app.quit();
    });
  };
  const help = createHelpActions({
    window: () => mainWindow,
    resourcesRoot,
    logsDir: logsDir(),
    appFacts: () => {
      if (services.status().state !== 'ok') return { sqlite: 'unknown', schemaVersion: 0 };
      const db = services.db;
      const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      return { sqlite, schemaVersion: schemaVersion(db) };
    },
    onError: (what, error) => log.warn(what, error ?? ''),
  });
  Menu.setApplicationMenu(
    buildMenu({
      isMac: process.platform === 'darwin',
      devTools,
      send: (command) => {
        if (mainWindow) emit(mainWindow.webContents, 'menu.command', { command });
      },
      openStrategyFile: () => void pickStrategyFiles(),
      help,
    }),
  );
  openWindow();
  // Import queued files as drafts; the renderer takes the outcomes at start-up or on this event.
  openRequests.start(async (paths) => {
    try {
      const outcomes = await openedFiles.open(paths);
      for (const o of outcomes) {
        if (o.ok) log.info(`opened ${o.fileName} as draft ${o.draftId}`);
        else log.warn(`refused ${o.fileName}: ${o.code} ${o.message}`);
      }
    } catch (error) {
      log.error('opening strategy files failed', error);
    }
    if (!mainWindow) openWindow();
    if (mainWindow) emit(mainWindow.webContents, 'files.opened', {});
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
}

registerAppScheme();
hardenWebContents(devServerUrl);

// A whole profile elsewhere (the Electron e2e tests; a portable setup). It must be set before
// the single-instance lock, which is keyed to the userData folder.
const userDataOverride = process.env['YIELDPLAN_USER_DATA'];
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database; it gets focused through 'second-instance'.
  app.quit();
} else {
  // A second launch (e.g. a double-clicked strategy file) hands its argv to this instance.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openRequests.add(strategyPathsFromArgv(argv, workingDirectory));
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}
