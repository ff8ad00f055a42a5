/** English messages: the card's password expiry, last sign-in and the directory photo. */
import type { Messages } from '../fr';

export const cardTimes: Messages['cardTimes'] = {
  expiry: 'Expiry',
  lastSignIn: 'Last successful sign-in',
  policyUnknown: 'not known (the desk does not read the password policy)',
  never: 'does not expire',
  unreadable: 'unreadable in the directory',
  expiresIn_one: 'on {{when}}: expires in {{count}} day',
  expiresIn_other: 'on {{when}}: expires in {{count}} days',
  expiresToday: 'on {{when}}: expires in less than a day',
  expiredAgo_one: 'expired since {{when}} ({{count}} day)',
  expiredAgo_other: 'expired since {{when}} ({{count}} days)',
  expiredToday: 'expired since {{when}}',
  notTracked: 'not tracked',
  noSignIn: 'none since it is tracked',
  signedInToday: 'on {{when}} (today)',
  signedInAgo_one: 'on {{when}} ({{count}} day ago)',
  signedInAgo_other: 'on {{when}} ({{count}} days ago)',
};

export const photo: Messages['photo'] = {
  heading: 'Directory photo',
  show: 'Show the directory photo',
  hide: 'Hide the photo',
  loading: 'Reading the photo…',
  alt: 'Directory photo of {{name}}',
  compare: 'Compare it with the person at the desk. It stays on this workstation: never exported or recorded.',
  none: 'No photo in the directory.',
  notJpeg: 'The directory has a photo, but it is not a JPEG image: it is not shown.',
  tooLarge: 'The directory photo is too large to be shown.',
};
