/** English messages: desk actions, the temporary password slip, the privacy screen; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const actions: Messages['actions'] = {
  heading: 'Actions',
  resetGenerated: 'Temporary password',
  resetChosen: 'Password chosen by the person',
  unlock: 'Unlock the account',
  revealLogin: 'Tell the login',
  lockedInfo_one: 'Locked since {{when}} after {{count}} failure.',
  lockedInfo_other: 'Locked since {{when}} after {{count}} failures.',
  unlockedDone: 'Account unlocked.',
  revealedLogin: 'Login:',
  revealedAlias: 'alias:',
  hide: 'Hide',
  chosenDone: 'New password saved ({{when}}).',
  mailSent: 'Notification sent to {{to}}.',
  mailFailed: 'The e-mail notification failed (the action is done).',
  historyRefused: 'This password is one of the last 3 used: the person must choose another.',
  done: {
    'reset-generated': 'Temporary password handed over on {{when}} (to be changed at first sign-in).',
    'reset-chosen': 'Password chosen by the person saved on {{when}}.',
    unlock: 'Account unlocked on {{when}}.',
    'reveal-login': 'Login reminded on {{when}}.',
  },
  confirmReset: {
    title: 'Replace the password?',
    body: 'The current password of {{login}} stops working at once: a temporary password, to be changed at first sign-in, will be shown only once.',
    confirm: 'Yes, give a temporary password',
    cancel: 'No, go back',
  },
  settledLater: 'Guichet will read the account again as soon as the directory answers and record the real outcome in the log (the account’s recent actions); reopen the card before trying again.',
};

export const slip: Messages['slip'] = {
  heading: 'Your temporary password',
  login: 'Login',
  password: 'Temporary password',
  mustChange: 'You must change it at your first sign-in.',
  where: 'Change it at {{url}}.',
  when: 'Handed over at the desk on {{when}}.',
  once: 'This password will never be shown again: hand it over or print the slip now.',
  print: 'Print the slip',
  handedOver: 'Password handed over',
};

export const chosen: Messages['chosen'] = {
  heading: 'The person types the password',
  intro: 'Turn the screen towards the person: they type their new password.',
  password: 'New password',
  confirm: 'Confirmation',
  show: 'Show',
  rules: 'Password rules',
  checkedOnSave: 'checked when saving',
  confirmationRule: 'Both entries are identical',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
};
