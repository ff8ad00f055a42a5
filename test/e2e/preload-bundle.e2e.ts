/**
 * The preload the Electron window really loads (`out/preload/index.cjs`, built by this
 * tier), run the way a sandboxed preload runs: CommonJS, with `require` limited to what
 * Electron offers there. It must expose one frozen object, `guichet`, holding exactly one
 * function per IPC channel, each forwarding to its own channel, and never `ipcRenderer`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { expect, test } from '@playwright/test';
import { CHANNELS } from '../../src/shared/channels';

const PRELOAD = join(process.cwd(), 'out', 'preload', 'index.cjs');
/** What `require` can load inside a sandboxed preload (Electron's sandbox documentation). */
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

function loadPreload() {
  const exposed: Array<{ name: string; api: unknown }> = [];
  const invoked: Array<{ channel: string; request: unknown }> = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.push({ name, api }) },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => {
        invoked.push({ channel, request });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: () => {
        throw new Error('the preload must not listen to arbitrary channels');
      },
      send: () => {
        throw new Error('the preload must not send fire-and-forget messages');
      },
    },
  };
  const require = (name: string) => {
    required.push(name);
    if (!SANDBOX_MODULES.has(name)) throw new Error(`module not available in a sandboxed preload: ${name}`);
    if (name !== 'electron') throw new Error(`unexpected module: ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(PRELOAD, 'utf8'), { require, module, exports: module.exports }, { filename: PRELOAD });
  return { exposed, invoked, required, electron };
}

// @mouse-only: no page at all (the preload bundle run as a sandboxed preload runs).
test('the built preload exposes one frozen bridge with exactly one method per channel', { tag: '@mouse-only' }, async () => {
  const { exposed, required } = loadPreload();
  expect(required).toEqual(['electron']);
  expect(exposed.map((e) => e.name)).toEqual(['guichet']);
  const api = exposed[0]!.api as Record<string, unknown>;
  expect(Object.isFrozen(api)).toBe(true);
  expect(Object.keys(api).sort()).toEqual(Object.keys(CHANNELS).sort());
  for (const value of Object.values(api)) expect(typeof value).toBe('function');
  // Nothing of Electron leaks through: no ipcRenderer, no generic invoke/send/on.
  for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'electron', 'require'])
    expect(Object.prototype.hasOwnProperty.call(api, forbidden)).toBe(false);
});

test('each method forwards its request to its own channel, and only there', { tag: '@mouse-only' }, async () => {
  const { exposed, invoked } = loadPreload();
  const api = exposed[0]!.api as Record<string, (request?: unknown) => Promise<unknown>>;
  for (const [method, channel] of Object.entries(CHANNELS)) {
    const request = { probe: method };
    await expect(api[method]!(request)).resolves.toEqual({ ok: true, value: channel });
    expect(invoked.at(-1)).toEqual({ channel, request });
  }
  expect(invoked).toHaveLength(Object.keys(CHANNELS).length);
  // A call without a payload sends an empty object (the router's schemas expect one).
  await api['currentSession']!();
  expect(invoked.at(-1)).toEqual({ channel: 'session:current', request: {} });
});
