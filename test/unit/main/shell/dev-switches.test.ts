/** The dev switches: inert in a packaged build whatever the environment, and only for the dev or demo script otherwise. */
import { describe, expect, it } from 'vitest';
import { devSwitches } from '../../../../src/main/shell/dev-switches';

const everything = {
  GUICHET_DEV_SCRIPT: '1',
  ELECTRON_RENDERER_URL: 'http://localhost:5173/',
  GUICHET_DEMO_URL: 'ldap://127.0.0.1:10389',
};

describe('dev switches', () => {
  it('are all off in a packaged build, even with every variable set', () => {
    expect(devSwitches({ isPackaged: true, env: everything })).toEqual({ rendererUrl: null, devTools: false, demoDirectoryUrl: null });
  });

  it('give the renderer URL and DevTools to an unpackaged app started by the dev script', () => {
    expect(devSwitches({ isPackaged: false, env: everything })).toEqual({
      rendererUrl: 'http://localhost:5173/',
      devTools: true,
      demoDirectoryUrl: 'ldap://127.0.0.1:10389',
    });
  });

  it('ignore ELECTRON_RENDERER_URL when the dev script did not start the app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devSwitches({ isPackaged: false, env })).toEqual({ rendererUrl: null, devTools: false, demoDirectoryUrl: null });
  });

  it('never load a renderer or a demo directory from anywhere but loopback', () => {
    const env = { GUICHET_DEV_SCRIPT: '1', ELECTRON_RENDERER_URL: 'https://evil.example/', GUICHET_DEMO_URL: 'ldap://directory.example:389' };
    expect(devSwitches({ isPackaged: false, env })).toMatchObject({ rendererUrl: null, devTools: true, demoDirectoryUrl: null });
    expect(devSwitches({ isPackaged: false, env: { GUICHET_DEV_SCRIPT: '1', ELECTRON_RENDERER_URL: 'file:///tmp/x.html' } }).rendererUrl).toBeNull();
    expect(devSwitches({ isPackaged: false, env: { GUICHET_DEV_SCRIPT: 'yes', ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } }).rendererUrl).toBeNull();
  });
});
