/** French messages: shared words, hidden characters, unusable addresses, error codes. */
export const common = { yes: 'Oui', no: 'Non' };

/** The institution's words when its configuration gives none (institution.words replaces them). */
export const words = { account: 'compte', portal: 'ENT' };

/** An address on record that is no single valid mailbox (shared/mail-address.ts). */
export const mailAddress = {
  unusable: 'adresse inutilisable',
  unusableHint:
    'L’adresse enregistrée dans l’annuaire n’est pas une adresse de courriel valide : aucun courriel n’y est envoyé. La personne doit la faire corriger auprès de {{whom}}.',
  noticeUnusable:
    'Aucune notification envoyée à l’adresse {{which}} : elle est inutilisable. La personne doit la faire corriger auprès de {{whom}}.',
  field: { 'personal-mail': 'personnelle', mail: 'institutionnelle' },
};

export const hiddenChars = {
  title: 'Caractère invisible ou de contrôle {{code}}',
  warning: 'Attention : ce compte contient des caractères invisibles ou de contrôle, affichés ⟨U+…⟩. Vérifiez l’identité avec soin.',
};

export const dateField = {
  placeholder: 'jj/mm/aaaa',
  hint: 'Format jj/mm/aaaa, par exemple 15/03/2004. Flèches haut et bas : changer le jour, le mois ou l’année.',
  format: '{{label}} : date incomplète ou impossible, tapez jj/mm/aaaa (par exemple 15/03/2004).',
  missing: '{{label}} : à remplir, au format jj/mm/aaaa.',
  future: '{{label}} : cette date est dans le futur.',
};

export const errors = {
  UNKNOWN_CHANNEL: 'Demande inconnue de l’application.',
  FORBIDDEN_SENDER: 'Demande refusée : elle ne vient pas de la fenêtre de Guichet.',
  INVALID_REQUEST: 'Donnée saisie invalide.',
  PAYLOAD_TOO_LARGE: 'Donnée saisie trop volumineuse.',
  NOT_SIGNED_IN: 'Vous n’êtes pas connecté.',
  FORBIDDEN: 'Vous n’avez pas les droits pour cette action.',
  INVALID_CREDENTIALS: 'Identifiant ou mot de passe incorrect.',
  ACCOUNT_LOCKED: 'Ce compte est verrouillé après trop d’échecs. Contactez un administrateur.',
  NOT_AN_AGENT: 'Ce compte n’est pas un compte d’agent du guichet.',
  SESSION_LOCKED: 'La session est verrouillée : saisissez votre mot de passe.',
  DIRECTORY_UNAVAILABLE: 'L’annuaire est injoignable. Réessayez dans un instant.',
  DIRECTORY_TIMEOUT: 'L’annuaire n’a pas répondu à temps.',
  DIRECTORY_REFUSED: 'L’annuaire a refusé l’opération.',
  NOT_FOUND: 'Introuvable dans l’annuaire.',
  TOO_MANY_RESULTS: 'Trop de résultats : précisez la recherche.',
  VERIFICATION_REQUIRED: 'Vérifiez d’abord l’identité de la personne.',
  ACCOUNT_STATE: 'L’état de ce compte ne permet pas cette action.',
  THROTTLED: 'Trop d’essais : cette méthode est bloquée pour un moment.',
  POLICY_VIOLATION: 'Refusé par la politique de mots de passe.',
  OUTCOME_UNKNOWN: 'Résultat incertain : l’annuaire n’a pas confirmé l’opération.',
  AUDIT_UNAVAILABLE: 'Le journal local ne peut pas être écrit : aucune modification n’a été faite.',
  CENTRAL_UNAVAILABLE: 'Le centre d’audit ne répond pas : le journal de tous les postes ne peut pas être lu. Celui de ce poste reste consultable.',
  MAIL_FAILED: 'Le courriel n’a pas pu être envoyé.',
  MAIL_ADDRESS_UNUSABLE:
    'L’adresse de courriel enregistrée dans l’annuaire est inutilisable : rien n’a été envoyé. La personne doit la faire corriger auprès de {{whom}}.',
  CONFLICT: 'Le compte a changé entre-temps : rechargez-le.',
  UNSUPPORTED_ENTRY:
    'L’identifiant ou le nom de ce compte contient des caractères de contrôle que le journal ne peut pas enregistrer : Guichet ne peut pas le traiter. Signalez-le à l’équipe de l’annuaire.',
  CANCELLED: 'Annulé : rien n’a été fait.',
  INTERNAL: 'Erreur interne de l’application.',
};
