import { BrowserWindow } from 'electron';
import { OPS_ARG_PREFIX } from '../contract/events';
import { OP_NAMES } from '../contract/index';
import { APP_ENTRY_URL } from './app-url';
import { MIN_WINDOW } from './bounds';
import { initialWindowState, trackWindowState } from './window-state';

export function createMainWindow(options: {
  preloadPath: string;
  stateFile: string;
  devServerUrl: string | undefined;
  devTools: boolean;
}): BrowserWindow {
  const state = initialWindowState(options.stateFile);
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    title: 'Yield Planner',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: options.preloadPath,
      // The defaults, spelled out so a reviewer (and electronegativity) sees them.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
      // The preload exposes exactly these operations (see electron/bridge.ts).
      additionalArguments: [OPS_ARG_PREFIX + OP_NAMES.join(',')],
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  trackWindowState(win, options.stateFile);
  void win.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return win;
}
