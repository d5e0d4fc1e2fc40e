/**
 * Sandboxed preload (bundled to CommonJS): exposes exactly the contract's operations and the
 * typed event subscription as `window.yieldplan`. No Node or Electron object reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, opNamesFromArgv } from './bridge';

const bridge = buildBridge(opNamesFromArgv(process.argv), {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  on: (channel, listener) => {
    // Drop the IpcRendererEvent: it would hand the page a handle to ipcRenderer.
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('yieldplan', bridge);
