/**
 * The only bridge between the page and main: one named method per IPC channel.
 * `ipcRenderer` itself is never exposed, and nothing else is.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type MethodName } from '../shared/channels';

const api = Object.freeze(
  Object.fromEntries(
    (Object.keys(CHANNELS) as MethodName[]).map((method) => [
      method,
      (request: unknown) => ipcRenderer.invoke(CHANNELS[method], request ?? {}),
    ]),
  ),
);

contextBridge.exposeInMainWorld('guichet', api);
