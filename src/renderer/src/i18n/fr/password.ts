/** French messages: desk actions, the temporary password slip, the privacy screen. */
export const actions = {
  heading: 'Actions',
  resetGenerated: 'Mot de passe provisoire',
  resetChosen: 'Mot de passe choisi par la personne',
  unlock: 'Débloquer le compte',
  revealLogin: 'Rappeler l’identifiant',
  lockedInfo_one: 'Bloqué depuis le {{when}} après {{count}} échec.',
  lockedInfo_other: 'Bloqué depuis le {{when}} après {{count}} échecs.',
  unlockedDone: 'Compte débloqué.',
  revealedLogin: 'Identifiant :',
  revealedAlias: 'alias :',
  hide: 'Masquer',
  chosenDone: 'Nouveau mot de passe enregistré ({{when}}).',
  mailSent: 'Notification envoyée à {{to}}.',
  mailFailed: 'La notification par courriel a échoué (l’action est faite).',
  historyRefused: 'Ce mot de passe fait partie des 3 derniers utilisés : la personne doit en choisir un autre.',
  done: {
    'reset-generated': 'Mot de passe provisoire remis le {{when}} (à changer à la première connexion).',
    'reset-chosen': 'Mot de passe choisi par la personne enregistré le {{when}}.',
    unlock: 'Compte débloqué le {{when}}.',
    'reveal-login': 'Identifiant rappelé le {{when}}.',
  },
  confirmReset: {
    title: 'Remplacer le mot de passe ?',
    body: 'Le mot de passe actuel de {{login}} cessera de fonctionner tout de suite : un mot de passe provisoire, à changer à la première connexion, sera affiché une seule fois.',
    confirm: 'Oui, donner un mot de passe provisoire',
    cancel: 'Non, revenir',
  },
  settledLater: 'Guichet relira le compte dès que l’annuaire répondra et inscrira le vrai résultat au journal (actions récentes du compte) ; rouvrez la fiche avant de recommencer.',
};

export const slip = {
  heading: 'Votre mot de passe provisoire',
  login: 'Identifiant',
  password: 'Mot de passe provisoire',
  mustChange: 'Vous devez le changer à votre première connexion.',
  where: 'Changez-le sur {{url}}.',
  when: 'Remis au guichet le {{when}}.',
  once: 'Ce mot de passe ne sera plus jamais affiché : remettez-le ou imprimez le justificatif maintenant.',
  print: 'Imprimer le justificatif',
  handedOver: 'Mot de passe remis',
};

export const chosen = {
  heading: 'Saisie du mot de passe par la personne',
  intro: 'Tournez l’écran vers la personne : elle saisit son nouveau mot de passe.',
  password: 'Nouveau mot de passe',
  confirm: 'Confirmation',
  show: 'Afficher',
  rules: 'Règles du mot de passe',
  checkedOnSave: 'vérifié à l’enregistrement',
  confirmationRule: 'Les deux saisies sont identiques',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  cancel: 'Annuler',
};
