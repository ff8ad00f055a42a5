/**
 * The app's data folder (configuration, audit database, logs, keys), per OS, named after the
 * product: what Electron's `userData` would be for productName "Guichet", decided here so that
 * the folder the README names is the one used, whatever name the package or the binary has.
 */
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Guichet';
const USER_DATA_FLAG = '--user-data-dir';

export interface DataFolderInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  argv: readonly string[];
}

/** `--user-data-dir=PATH` (the demo and tests give each run its own folder), if given. */
function userDataFlag(argv: readonly string[]): string | null {
  for (const arg of argv) if (arg.startsWith(`${USER_DATA_FLAG}=`) && arg.length > USER_DATA_FLAG.length + 1) return arg.slice(USER_DATA_FLAG.length + 1);
  return null;
}

/**
 * Linux `$XDG_CONFIG_HOME/Guichet` (default `~/.config/Guichet`), Windows `%APPDATA%\Guichet`,
 * macOS `~/Library/Application Support/Guichet`.
 */
export function dataFolder(input: DataFolderInput): string {
  const flag = userDataFlag(input.argv);
  if (input.platform === 'win32') {
    if (flag) return win32.resolve(flag);
    return win32.join(input.env['APPDATA'] || win32.join(input.home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  if (flag) return posix.resolve(flag);
  if (input.platform === 'darwin') return posix.join(input.home, 'Library', 'Application Support', PRODUCT_NAME);
  const xdg = input.env['XDG_CONFIG_HOME'];
  // The XDG rule: a relative value is invalid and ignored.
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(input.home, '.config'), PRODUCT_NAME);
}
