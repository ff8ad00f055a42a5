/** English messages: shared words, hidden characters, error codes; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const words: Messages['words'] = { account: 'account', portal: 'digital workspace' };

export const common: Messages['common'] = { yes: 'Yes', no: 'No' };

export const mailAddress: Messages['mailAddress'] = {
  unusable: 'unusable address',
  unusableHint:
    'The address on record in the directory is not a valid e-mail address: nothing is sent to it. The person must have it corrected by {{whom}}.',
  noticeUnusable: 'No notification sent to the {{which}} address: it is unusable. The person must have it corrected by {{whom}}.',
  field: { 'personal-mail': 'personal', mail: 'institutional' },
};

export const hiddenChars: Messages['hiddenChars'] = {
  title: 'Invisible or control character {{code}}',
  warning: 'Warning: this account holds invisible or control characters, shown as ⟨U+…⟩. Check the identity carefully.',
};

export const dateField: Messages['dateField'] = {
  placeholder: 'dd/mm/yyyy',
  hint: 'Format dd/mm/yyyy, e.g. 15/03/2004. Up and down arrows: change the day, month or year.',
  format: '{{label}}: incomplete or impossible date, type dd/mm/yyyy (e.g. 15/03/2004).',
  missing: '{{label}}: required, as dd/mm/yyyy.',
  future: '{{label}}: this date is in the future.',
};

export const errors: Messages['errors'] = {
  UNKNOWN_CHANNEL: 'Unknown request.',
  FORBIDDEN_SENDER: 'Request refused: it does not come from the Guichet window.',
  INVALID_REQUEST: 'Invalid input.',
  PAYLOAD_TOO_LARGE: 'Input too large.',
  NOT_SIGNED_IN: 'You are not signed in.',
  FORBIDDEN: 'You are not allowed to do this.',
  INVALID_CREDENTIALS: 'Wrong login or password.',
  ACCOUNT_LOCKED: 'This account is locked after too many failures. Contact an administrator.',
  NOT_AN_AGENT: 'This account is not a help desk agent account.',
  SESSION_LOCKED: 'The session is locked: type your password.',
  DIRECTORY_UNAVAILABLE: 'The directory is unreachable. Try again in a moment.',
  DIRECTORY_TIMEOUT: 'The directory did not answer in time.',
  DIRECTORY_REFUSED: 'The directory refused the operation.',
  NOT_FOUND: 'Not found in the directory.',
  TOO_MANY_RESULTS: 'Too many results: refine the search.',
  VERIFICATION_REQUIRED: 'Verify the person’s identity first.',
  ACCOUNT_STATE: 'This account’s state does not allow this action.',
  THROTTLED: 'Too many attempts: this method is blocked for a while.',
  POLICY_VIOLATION: 'Refused by the password policy.',
  OUTCOME_UNKNOWN: 'Outcome unknown: the directory did not confirm the operation.',
  AUDIT_UNAVAILABLE: 'The local audit log cannot be written: nothing was changed.',
  CENTRAL_UNAVAILABLE: 'The central audit store is not answering: the log of every desk cannot be read. This desk’s own log still can.',
  MAIL_FAILED: 'The e-mail could not be sent.',
  MAIL_ADDRESS_UNUSABLE: 'The e-mail address on record in the directory is unusable: nothing was sent. The person must have it corrected by {{whom}}.',
  CONFLICT: 'The account changed meanwhile: reload it.',
  UNSUPPORTED_ENTRY:
    'This account’s login or name holds control characters the audit log cannot record: Guichet cannot handle it. Report it to the directory team.',
  CANCELLED: 'Cancelled: nothing was done.',
  INTERNAL: 'Internal application error.',
};
