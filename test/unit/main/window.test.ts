import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
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
  const fileApp = 'file:///opt/guichet/out/renderer/index.html';
  const devApp = 'http://localhost:5173/';

  it('allows only the app page itself', () => {
    expect(shouldBlockNavigation(fileApp, fileApp)).toBe(false);
    expect(shouldBlockNavigation('file:///etc/passwd', fileApp)).toBe(true);
    expect(shouldBlockNavigation('https://phishing.example/login', fileApp)).toBe(true);
    expect(shouldBlockNavigation('http://localhost:5173/other', devApp)).toBe(false);
    expect(shouldBlockNavigation('http://localhost:5174/', devApp)).toBe(true);
    expect(shouldBlockNavigation('javascript:alert(1)', fileApp)).toBe(true);
    expect(shouldBlockNavigation('not a url', fileApp)).toBe(true);
  });

  it('recognises app URLs only for the same file or origin', () => {
    expect(isAppUrl('file:///opt/guichet/out/renderer/index.html#x', fileApp)).toBe(true);
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
