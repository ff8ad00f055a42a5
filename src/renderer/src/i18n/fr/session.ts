/** French messages: sign-in and lock screens. */
export const signin = {
  heading: 'Connexion de l’agent',
  intro: 'Identifiez-vous avec votre compte de l’annuaire.',
  login: 'Identifiant',
  password: 'Mot de passe',
  submit: 'Se connecter',
  pending: 'Connexion…',
  offlineHint: 'Annuaire injoignable : seule la consultation du journal est possible, avec un mot de passe déjà utilisé sur ce poste.',
};

export const lock = {
  heading: 'Session verrouillée',
  intro: '{{name}}, saisissez votre mot de passe pour reprendre.',
  resume: 'Reprendre',
  wrongPassword: 'Mot de passe incorrect.',
};
