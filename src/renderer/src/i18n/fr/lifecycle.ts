/** French messages: the account's lifecycle (suspend, reactivate, extend) and the agent's note on every action. */
export const lifecycle = {
  heading: 'Cycle de vie du compte',
  reason: 'Motif',
  chooseReason: '— Choisir un motif —',
  reasonRequired: 'Choisissez un motif dans la liste.',
  reasonText: 'Précisions',
  reasonTextRequired: 'Ce motif demande quelques mots de précision.',
  personPresent: 'La personne est présente au guichet',
  currentEnd: 'Validité actuelle : jusqu’au {{when}}.',
  noCurrentEnd: 'Le compte est expiré : la nouvelle validité commence aujourd’hui.',
  newEnd: 'Nouvelle date de fin (au plus tard le {{max}})',
  newEndProblem: 'Une date postérieure à aujourd’hui et à la fin actuelle, au plus tard le {{max}}.',
  cancel: 'Annuler',
  suspend: {
    button: 'Suspendre le compte',
    title: 'Suspendre le compte {{login}} ?',
    body: 'La personne ne pourra plus utiliser son compte tant qu’il n’est pas réactivé. La suspension est enregistrée au journal avec son motif.',
    confirm: 'Suspendre',
    done: 'Compte suspendu.',
  },
  reactivate: {
    button: 'Réactiver le compte',
    title: 'Réactiver le compte {{login}} ?',
    body: 'Le compte redevient utilisable, avec ses dates de validité. La réactivation est enregistrée au journal avec son motif.',
    confirm: 'Réactiver',
    done: 'Compte réactivé.',
  },
  'extend-validity': {
    button: 'Prolonger la validité',
    title: 'Prolonger la validité du compte {{login}} ?',
    body: 'La nouvelle date de fin remplace l’actuelle. La prolongation est enregistrée au journal avec son motif.',
    confirm: 'Prolonger',
    done: 'Validité prolongée.',
  },
};

export const note = {
  legend: 'Note de l’agent (journal)',
  comment: 'Commentaire',
  ticket: 'Référence du ticket',
  required: '(obligatoire)',
  optional: '(facultatif)',
  requiredFor: 'pour : {{actions}}',
  refer: {
    line: 'Note de l’agent : {{comment}} ; {{ticket}}.',
    comment: { always: 'commentaire obligatoire', some: 'commentaire obligatoire pour : {{actions}}', never: 'commentaire facultatif' },
    ticket: { always: 'référence du ticket obligatoire', some: 'référence du ticket obligatoire pour : {{actions}}', never: 'référence du ticket facultative' },
    goTo: 'Aller à la note',
  },
  ticketExample: 'Au format {{example}}.',
  ticketAny: 'Lettres, chiffres et . _ / # : -',
  problem: {
    commentRequired: 'Un commentaire est obligatoire pour cette action.',
    ticketRequired: 'Une référence de ticket est obligatoire pour cette action.',
    ticketFormat: 'Cette référence n’a pas le format attendu. {{hint}}',
  },
};
