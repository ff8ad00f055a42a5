/** English messages: the frame: title, navigation, directory status, roles; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const app: Messages['app'] = { title: 'Guichet', subtitle: 'IT help desk', skipToContent: 'Skip to content' };

export const nav: Messages['nav'] = {
  signin: 'Sign in',
  worklists: 'Lists',
  lookup: 'Lookup',
  account: 'Account',
  audit: 'Audit log',
  signout: 'Sign out',
  lock: 'Lock',
  lockHint: 'Hide personal data (Ctrl+L)',
  language: 'Language',
};

export const status: Messages['status'] = {
  reachable: 'Directory reachable',
  unreachable: 'Directory unreachable',
  checking: 'Checking the directory…',
  timeout: 'The directory does not answer in time',
  auditSchema: 'Local audit: schema v{{version}}',
  configEmbedded: 'Configuration: embedded demo directory',
  configFile: 'Configuration: {{path}}',
  workstation: 'Workstation: {{name}}',
  retry: 'Retry',
  offlineBanner: 'The directory is unreachable: lookup and actions are suspended. The audit log stays available.',
};

export const roles: Messages['roles'] = { agent: 'Agent', supervisor: 'Supervisor', offline: 'offline' };
