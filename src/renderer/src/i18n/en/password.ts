/** English messages: desk actions, the temporary password slip, the privacy screens (a password chosen, the person's own change); the same keys as the French ones (the compiler checks). */
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
    'self-change': 'Password changed by the person (giving the current one) on {{when}}.',
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

export const selfChange: Messages['selfChange'] = {
  open: 'Change with the current password',
  hint: 'No other identity check: the person gives their current password, which the directory checks.',
  heading: 'Choose your own password',
  intro: 'Turn the screen towards the person: they type their current password, then the new one twice. You see neither.',
  introCode: 'Turn the screen towards the person: they type their current password, their authenticator app’s code, then the new password twice. You see neither.',
  current: 'Current password',
  code: 'Code shown by the authenticator app',
  newPassword: 'New password',
  confirm: 'Confirm the new password',
  lockout: 'A wrong current password counts as a failed sign-in of the person: the directory locks their account after several failures, and the desk suspends this entry after 3 wrong tries.',
  save: 'Change the password',
  saving: 'Changing…',
  cancel: 'Cancel',
  done: 'Password changed by the person ({{when}}).',
  why: {
    'account-locked': 'Account locked: the current password cannot be checked (unlock the account first).',
    blocked: 'Too many wrong tries (sign-in or current password): possible again at {{when}}.',
  },
  problem: {
    currentWrong: 'This is not the current password. The try counts as a failed sign-in of the person.',
    nowLocked: 'This is not the current password, and the directory has just locked the account after too many failures.',
    codeRequired: 'The authenticator app’s code is needed.',
    history: 'The directory refuses this password: it is one of the last ones used. The person must choose another.',
    tooShort: 'The directory finds this password too short for its rules: a longer one is needed.',
    quality: 'The directory finds this password too weak for its rules: a more varied one is needed.',
    tooYoung: 'The password was just changed: the directory does not accept a new one straight away.',
    sameAsCurrent: 'The new password must differ from the current one.',
    rules: 'This password does not follow the rules listed below.',
    notAllowed: 'The directory does not let people change their own password: after an identity check, use “Password chosen by the person”.',
  },
};
