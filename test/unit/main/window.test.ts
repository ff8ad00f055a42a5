import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  originOf,
  permissionRequestHandler,
  shouldBlockNavigation,
  windowOpenHandler,
  windowOptions,
} from '../../../src/main/window';

describe('window options', () => {
  it('pins the Electron security settings', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(windowOptions('/x/index.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('uses a CommonJS preload, the only kind a sandboxed window loads', () => {
    expect(windowOptions('/x/index.cjs').webPreferences?.preload).toMatch(/\.cjs$/);
  });

  it('gives the first-run window no bridge at all, with the same security settings', () => {
    const prefs = windowOptions(null).webPreferences!;
    expect('preload' in prefs).toBe(false);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
  });

  it('has a strict CSP: own scripts only, nothing inline, no remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('navigation and new-window guards', () => {
  const app = 'app://guichet/index.html';
  const devApp = 'http://localhost:5173/';

  it('allows only the app origin itself', () => {
    expect(shouldBlockNavigation(app, app)).toBe(false);
    expect(shouldBlockNavigation('app://guichet/index.html#x', app)).toBe(false);
    expect(shouldBlockNavigation('app://evil/index.html', app)).toBe(true);
    expect(shouldBlockNavigation('file:///etc/passwd', app)).toBe(true);
    expect(shouldBlockNavigation('file:///opt/guichet/out/renderer/index.html', app)).toBe(true);
    expect(shouldBlockNavigation('https://phishing.example/login', app)).toBe(true);
    expect(shouldBlockNavigation('http://localhost:5173/other', devApp)).toBe(false);
    expect(shouldBlockNavigation('http://localhost:5174/', devApp)).toBe(true);
    expect(shouldBlockNavigation('javascript:alert(1)', app)).toBe(true);
    expect(shouldBlockNavigation('not a url', app)).toBe(true);
  });

  it('compares the scheme and host of custom schemes (their URL origin is opaque)', () => {
    expect(new URL(app).origin).toBe('null');
    expect(originOf(app)).toBe('app://guichet');
    expect(isAppUrl('app://guichet/assets/x.js', app)).toBe(true);
    expect(isAppUrl('app://guichet.evil/index.html', app)).toBe(false);
    expect(isAppUrl('data:text/html,<p>', app)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', devApp)).toBe(false);
  });

  it('denies every new window', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('refuses every permission request', () => {
    let granted: boolean | undefined;
    permissionRequestHandler(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});
