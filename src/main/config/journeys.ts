/**
 * The journeys of the configured institution as the desk uses them: where each identifier
 * lives, the cross-checks the schema cannot make alone (a document code needs its attribute,
 * a policy cannot ask for a proof the desk cannot gather, a mail step needs mail), and what
 * the renderer is told of them.
 */
import type { DeskJourneys } from '../../shared/institution';
import type { IdentifierKind } from '../../shared/verification';
import type { GuichetConfig } from './schema';

const IDENTIFIER_ATTRIBUTE: Readonly<Record<IdentifierKind, keyof GuichetConfig['directory']['attributes']>> = {
  studentId: 'studentId',
  ine: 'ine',
  staffId: 'staffId',
  uniqueId: 'uniqueId',
  dossierNumber: 'dossierNumber',
  login: 'login',
};

/** The attribute that holds an identifier kind, or null when this directory has none mapped. */
export function identifierAttribute(attributes: GuichetConfig['directory']['attributes'], kind: IdentifierKind): string | null {
  return attributes[IDENTIFIER_ATTRIBUTE[kind]] ?? null;
}

/** What the desk cannot do with this configuration, worded like the schema's problems. */
export function journeysProblems(config: GuichetConfig): string[] {
  const problems: string[] = [];
  const attributes = config.directory.attributes;
  const { documentCode, identifiers, actions } = config.verification;
  if (documentCode && !attributes.documentCode)
    problems.push('champ « verification.documentCode » : il faut aussi nommer l’attribut comparé (directory.attributes.documentCode)');
  for (const option of identifiers)
    if (!identifierAttribute(attributes, option.kind))
      problems.push(`champ « verification.identifiers » : « ${option.kind} » n’a pas d’attribut (directory.attributes.${IDENTIFIER_ATTRIBUTE[option.kind]})`);
  if (!documentCode)
    for (const [action, byWho] of Object.entries(actions))
      for (const [who, requirement] of Object.entries(byWho))
        if (requirement.alternatives.some((set) => set.includes('document-code')))
          problems.push(`champ « verification.actions.${action}.${who} » : « document-code » demande verification.documentCode`);
  const kinds = config.activation.steps.flatMap((s) => s.kinds);
  if (kinds.includes('personal-mail') && !config.mail.enabled)
    problems.push('champ « activation.steps » : l’étape « personal-mail » envoie un code : il faut mail.enabled');
  return problems;
}

/** What the renderer is told of the journeys (app:status). */
export function deskJourneysOf(config: GuichetConfig): DeskJourneys {
  return {
    words: config.institution.words,
    activation: config.activation.steps,
    identifiers: config.verification.identifiers,
    documentCode: config.verification.documentCode,
    selfChange: config.selfChange.enabled,
  };
}
