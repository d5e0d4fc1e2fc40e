import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/events';
import type { HelpActions } from './help-menu';

/**
 * Application menu: standard roles (their platform shortcuts come with them) plus the app's own
 * commands, which reach the renderer as typed `menu.command` events, never as code strings.
 */
export function buildMenu(options: {
  send: (command: MenuCommand) => void;
  isMac: boolean;
  devTools: boolean;
  /** File → Open Strategy File…: a native dialog in main, then the same path as a double-click. */
  openStrategyFile: () => void;
  help: HelpActions;
}): Menu {
  const { send, isMac, devTools, help } = options;
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Draft', accelerator: 'CmdOrCtrl+N', click: () => send('draft.new') },
        {
          label: 'Import Strategy…',
          accelerator: 'CmdOrCtrl+O',
          click: () => send('draft.import'),
        },
        { label: 'Go to Drafts', click: () => send('draft.open') },
        {
          label: 'Open Strategy File…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => options.openStrategyFile(),
        },
        {
          label: 'Save As / Export…',
          accelerator: 'CmdOrCtrl+Shift+S',
          click: () => send('draft.export'),
        },
        {
          label: 'Export Report…',
          accelerator: 'CmdOrCtrl+Shift+E',
          click: () => send('report.export'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The strategy's own undo (the document history), not the text-field role: the renderer
        // handles these keys itself in the browser too.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('edit.undo') },
        {
          label: 'Redo',
          accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y',
          click: () => send('edit.redo'),
        },
        ...(isMac
          ? []
          : [
              {
                label: 'Redo',
                accelerator: 'Shift+Ctrl+Z',
                visible: false,
                click: () => send('edit.redo'),
              },
            ]),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(devTools
          ? [
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'About Yield Planner', click: () => void help.about() },
        { label: 'Open Logs Folder', click: () => void help.openLogsFolder() },
        { type: 'separator' },
        { label: 'Report a Problem…', click: () => void help.reportProblem() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
