/** French messages: the frame: title, navigation, directory status, roles. */
export const app = {
  title: 'Guichet',
  subtitle: 'Assistance numérique',
  skipToContent: 'Aller au contenu',
};

export const nav = {
  signin: 'Connexion',
  worklists: 'Listes',
  lookup: 'Recherche',
  account: 'Compte',
  audit: 'Journal',
  signout: 'Se déconnecter',
  lock: 'Verrouiller',
  lockHint: 'Masquer les données personnelles (Ctrl+L)',
  language: 'Langue',
};

export const status = {
  reachable: 'Annuaire joignable',
  unreachable: 'Annuaire injoignable',
  checking: 'Vérification de l’annuaire…',
  timeout: 'L’annuaire ne répond pas dans le délai',
  auditSchema: 'Journal local : schéma v{{version}}',
  configEmbedded: 'Configuration : annuaire de démonstration intégré',
  configFile: 'Configuration : {{path}}',
  workstation: 'Poste : {{name}}',
  retry: 'Réessayer',
  offlineBanner: 'L’annuaire est injoignable : la recherche et les actions sont suspendues. Le journal reste consultable.',
};

export const roles = { agent: 'Agent', supervisor: 'Superviseur·e', offline: 'hors ligne' };
