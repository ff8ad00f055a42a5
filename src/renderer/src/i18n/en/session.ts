/** English messages: sign-in and lock screens; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const signin: Messages['signin'] = {
  heading: 'Agent sign-in',
  intro: 'Sign in with your directory account.',
  login: 'Login',
  password: 'Password',
  submit: 'Sign in',
  pending: 'Signing in…',
  offlineHint: 'Directory unreachable: only the audit review is possible, with a password already used on this workstation.',
};

export const lock: Messages['lock'] = { heading: 'Session locked', intro: '{{name}}, type your password to resume.', resume: 'Resume', wrongPassword: 'Wrong password.' };
