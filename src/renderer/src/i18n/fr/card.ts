/** French messages: the card's password expiry, last sign-in and the directory photo. */
export const cardTimes = {
  expiry: 'Expiration',
  lastSignIn: 'Dernière connexion réussie',
  policyUnknown: 'non connue (le guichet ne lit pas la politique de mot de passe)',
  never: 'n’expire pas',
  unreadable: 'illisible dans l’annuaire',
  expiresIn_one: 'le {{when}} : expire dans {{count}} jour',
  expiresIn_other: 'le {{when}} : expire dans {{count}} jours',
  expiresToday: 'le {{when}} : expire dans moins d’un jour',
  expiredAgo_one: 'expiré depuis le {{when}} ({{count}} jour)',
  expiredAgo_other: 'expiré depuis le {{when}} ({{count}} jours)',
  expiredToday: 'expiré depuis le {{when}}',
  notTracked: 'non suivi',
  noSignIn: 'aucune depuis qu’elle est suivie',
  signedInToday: 'le {{when}} (aujourd’hui)',
  signedInAgo_one: 'le {{when}} (il y a {{count}} jour)',
  signedInAgo_other: 'le {{when}} (il y a {{count}} jours)',
};

export const photo = {
  heading: 'Photo de l’annuaire',
  show: 'Voir la photo de l’annuaire',
  hide: 'Masquer la photo',
  loading: 'Lecture de la photo…',
  alt: 'Photo de l’annuaire de {{name}}',
  compare: 'Comparez-la avec la personne au guichet. Elle reste sur ce poste : jamais exportée ni enregistrée.',
  none: 'Aucune photo dans l’annuaire.',
  notJpeg: 'L’annuaire a une photo, mais ce n’est pas une image JPEG : elle n’est pas affichée.',
  tooLarge: 'La photo de l’annuaire est trop lourde pour être affichée.',
};
