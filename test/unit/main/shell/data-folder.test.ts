/** The data folder per OS, as the README names it (productName Guichet, capital G). */
import { describe, expect, it } from 'vitest';
import { dataFolder } from '../../../../src/main/shell/data-folder';

describe('data folder', () => {
  it('is ~/.config/Guichet on Linux, or under XDG_CONFIG_HOME when it is absolute', () => {
    expect(dataFolder({ platform: 'linux', env: {}, home: '/home/agent', argv: [] })).toBe('/home/agent/.config/Guichet');
    expect(dataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/srv/cfg' }, home: '/home/agent', argv: [] })).toBe('/srv/cfg/Guichet');
    expect(dataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, home: '/home/agent', argv: [] })).toBe('/home/agent/.config/Guichet');
  });

  it('is %APPDATA%\\Guichet on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\agent\\AppData\\Roaming' };
    expect(dataFolder({ platform: 'win32', env, home: 'C:\\Users\\agent', argv: [] })).toBe('C:\\Users\\agent\\AppData\\Roaming\\Guichet');
    expect(dataFolder({ platform: 'win32', env: {}, home: 'C:\\Users\\agent', argv: [] })).toBe('C:\\Users\\agent\\AppData\\Roaming\\Guichet');
  });

  it('is ~/Library/Application Support/Guichet on macOS', () => {
    expect(dataFolder({ platform: 'darwin', env: {}, home: '/Users/agent', argv: [] })).toBe('/Users/agent/Library/Application Support/Guichet');
  });

  it('follows --user-data-dir= (the demo gives each run its own folder)', () => {
    expect(dataFolder({ platform: 'linux', env: {}, home: '/home/agent', argv: ['electron', '.', '--user-data-dir=/tmp/demo-1'] })).toBe('/tmp/demo-1');
    expect(dataFolder({ platform: 'linux', env: {}, home: '/home/agent', argv: ['--user-data-dir='] })).toBe('/home/agent/.config/Guichet');
  });
});
