/** English messages: the account's lifecycle (suspend, reactivate, extend) and the agent's note on every action. */
export const lifecycle = {
  heading: 'Account lifecycle',
  reason: 'Reason',
  chooseReason: '— Choose a reason —',
  reasonRequired: 'Choose a reason from the list.',
  reasonText: 'Details',
  reasonTextRequired: 'This reason needs a few words of detail.',
  personPresent: 'The person is at the desk',
  currentEnd: 'Valid until {{when}}.',
  noCurrentEnd: 'The account has expired: the new validity starts today.',
  newEnd: 'New end date (at the latest {{max}})',
  newEndProblem: 'A date after today and after the current end, at the latest {{max}}.',
  cancel: 'Cancel',
  suspend: {
    button: 'Suspend the account',
    title: 'Suspend the account {{login}}?',
    body: 'The person will not be able to use the account until it is reactivated. The suspension is recorded in the journal with its reason.',
    confirm: 'Suspend',
    done: 'Account suspended.',
  },
  reactivate: {
    button: 'Reactivate the account',
    title: 'Reactivate the account {{login}}?',
    body: 'The account can be used again, with its validity dates. The reactivation is recorded in the journal with its reason.',
    confirm: 'Reactivate',
    done: 'Account reactivated.',
  },
  'extend-validity': {
    button: 'Extend validity',
    title: 'Extend the validity of the account {{login}}?',
    body: 'The new end date replaces the current one. The extension is recorded in the journal with its reason.',
    confirm: 'Extend',
    done: 'Validity extended.',
  },
};

export const note = {
  legend: 'Agent’s note (journal)',
  comment: 'Comment',
  ticket: 'Ticket reference',
  required: '(required)',
  optional: '(optional)',
  requiredFor: 'for: {{actions}}',
  refer: {
    line: 'Agent’s note: {{comment}}; {{ticket}}.',
    comment: { always: 'comment required', some: 'comment required for: {{actions}}', never: 'comment optional' },
    ticket: { always: 'ticket reference required', some: 'ticket reference required for: {{actions}}', never: 'ticket reference optional' },
    goTo: 'Go to the note',
  },
  ticketExample: 'Format: {{example}}.',
  ticketAny: 'Letters, digits and . _ / # : -',
  problem: {
    commentRequired: 'A comment is required for this action.',
    ticketRequired: 'A ticket reference is required for this action.',
    ticketFormat: 'This reference is not in the expected format. {{hint}}',
  },
};
