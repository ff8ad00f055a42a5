/**
 * `npm run dev`: electron-vite's dev server and Electron, with the one variable that lets an
 * unpackaged shell load the dev server's page and open DevTools (src/main/shell/dev-switches.ts).
 */
import { spawn } from 'node:child_process';
import { DEV_SCRIPT_ENV } from '../src/main/shell/dev-switches';

const child = spawn('electron-vite', ['dev', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, [DEV_SCRIPT_ENV]: '1' },
});
child.on('exit', (code) => process.exit(code ?? 1));
