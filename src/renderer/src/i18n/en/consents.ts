/** English messages: consents; the same keys as the French ones (the compiler checks). */
import type { Messages } from '../fr';

export const consents: Messages['consents'] = {
  sms: 'University SMS alerts',
  smsExplain: 'Do you agree to receive text messages from the university under its safety plan (security alerts, weather warnings…)?',
  accept: 'Yes, I agree',
  refuse: 'No, I refuse',
  mobile: 'Mobile phone',
  current: 'current: {{value}}',
  mobileKeep: 'Leave empty to keep the current number',
  mobilePlaceholder: 'e.g. 06 12 34 56 78 or +44 20 7946 0958',
  mobileProblem: {
    required: 'Mobile phone: needed to receive SMS alerts.',
    incomplete: 'Mobile phone: incomplete number.',
    'too-long': 'Mobile phone: number too long.',
    invalid: 'Mobile phone: not a valid number (digits, spaces and + only; check the country code).',
  },
  values: {
    smsAlerts: { true: 'accepted', false: 'refused' },
    photoUse: { true: 'accepted', false: 'refused' },
    hiddenFromDirectory: { true: 'hidden (red list)', false: 'visible' },
    none: 'none',
  },
  changeLine: '{{field}}: {{before}} → {{after}}',
  photo: 'Photo use (class photo boards)',
  photoExplainSummary: 'Text to read to the person',
  photoExplain:
    'Do you allow the university to use your photograph in class photo boards during your studies, so that teachers can identify and help you more easily in practical classes and tutorials, and, in exam boards, take your particular circumstances into account? Photo boards are kept by the teaching team, must not be passed on or displayed, and last for the academic year or the programme.',
  photoYes: 'Yes, I agree',
  photoNo: 'No, I refuse',
  directory: 'Visibility in the internal directory',
  save: 'Save consents',
  saved: 'Consents saved.',
  neverChangedHere: 'never changed at this desk',
  lastChanged: 'changed {{when}} by {{agent}}',
  history_one: 'Consent history ({{count}})',
  history_other: 'Consent history ({{count}})',
  fields: { smsAlerts: 'SMS alerts', mobile: 'mobile', photoUse: 'photo', hiddenFromDirectory: 'internal directory' },
};
