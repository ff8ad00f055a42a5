/**
 * An institution's own journeys at the desk, as its configuration gives them: its words
 * (Sésame, ENT, Question Joker…), the screens of its activation and the step kinds on each,
 * which identifiers open a verification with the date of birth, the code printed on a
 * document the person holds, and whether the person may change their password by giving
 * the current one. Plain data: main enforces it, the renderer shows it.
 */
import type { Locale } from './domain';
import type { IdentifierKind } from './verification';

/** A text the institution words itself, French first. */
export interface LocalText {
  fr: string;
  en: string;
}

/** The step kinds an activation can be made of, besides the verification (always first) and the confirmation (always last). */
export const ACTIVATION_STEP_KINDS = ['question', 'sms', 'photo', 'directory', 'personal-mail', 'password', 'charter'] as const;
export type ActivationStepKind = (typeof ACTIVATION_STEP_KINDS)[number];

/** Every step the wizard can be on, and that main can send it back to. */
export const WIZARD_STEPS = ['verification', ...ACTIVATION_STEP_KINDS, 'confirmation'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** One screen of the wizard: one or more step kinds, with the institution's own title and text. */
export interface ActivationScreen {
  /** Its first kind: the step main names when it sends the wizard back to this screen. */
  id: ActivationStepKind;
  kinds: ActivationStepKind[];
  title: LocalText | null;
  intro: LocalText | null;
}

/** The screens when the configuration names none: the console's first activation (UPHF's order, the charter under the password). */
export const DEFAULT_ACTIVATION_SCREENS: readonly ActivationScreen[] = [
  { id: 'question', kinds: ['question'], title: null, intro: null },
  { id: 'sms', kinds: ['sms'], title: null, intro: null },
  { id: 'photo', kinds: ['photo'], title: null, intro: null },
  { id: 'directory', kinds: ['directory'], title: null, intro: null },
  { id: 'password', kinds: ['password', 'charter'], title: null, intro: null },
];

/** The words an institution may replace; each falls back to the console's own. */
export const WORD_KEYS = [
  /** "compte Sésame", "compte ENT": the account the desk looks after. */
  'account',
  /** "ENT": where the person signs in. */
  'portal',
  /** "Question Joker". */
  'secretQuestion',
  /** "Règlement intérieur", "Charte informatique de l'UPVD". */
  'charterName',
  /** The sentence the person accepts. */
  'charterAcceptance',
  /** "Activer mon compte", "Obtenir votre compte": the wizard's title and the card's button. */
  'activation',
  /** "Votre compte est maintenant activé", "Notez vos identifiants". */
  'activationDone',
] as const;
export type WordKey = (typeof WORD_KEYS)[number];
export type InstitutionWords = Partial<Record<WordKey, LocalText>>;

export interface IdentifierOption {
  kind: IdentifierKind;
  /** The institution's name for it ("Numéro de dossier"); null: the console's. */
  label: LocalText | null;
  /** Where the person finds it ("sur votre carte multiservice"). */
  hint: LocalText | null;
}

export interface DocumentCodeOption {
  /** "Code du certificat de scolarité". */
  label: LocalText;
  /** "En haut à gauche de la feuille contenant vos certificats de scolarité". */
  hint: LocalText | null;
}

/** What the screen needs of the institution's journeys (sent with app:status). */
export interface DeskJourneys {
  words: InstitutionWords;
  activation: ActivationScreen[];
  /** The identifiers the person may state with their date of birth, in the order offered. */
  identifiers: IdentifierOption[];
  /** The code printed on a document, when the institution uses one. */
  documentCode: DocumentCodeOption | null;
  /** The person may change their password at the desk by typing the current one. */
  selfChange: boolean;
}

/** What the desk model needs of it: which proofs this institution can gather at all. */
export interface DeskEvidenceOffer {
  identifierKinds: readonly IdentifierKind[];
  documentCode: boolean;
}

/** Today's proofs when the configuration says nothing: student number, INE, staff number; no document code. */
export const DEFAULT_EVIDENCE_OFFER: DeskEvidenceOffer = { identifierKinds: ['studentId', 'ine', 'staffId'], documentCode: false };

export const evidenceOfferOf = (journeys: Pick<DeskJourneys, 'identifiers' | 'documentCode'>): DeskEvidenceOffer => ({
  identifierKinds: journeys.identifiers.map((i) => i.kind),
  documentCode: journeys.documentCode !== null,
});

/** The institution's text in this language, or null for the console's own. */
export const localText = (text: LocalText | null | undefined, locale: Locale): string | null => (text ? text[locale] : null);

/** The wizard's steps in order: the verification, each screen, the confirmation. */
export function wizardSteps(screens: readonly ActivationScreen[]): WizardStep[] {
  return ['verification', ...screens.map((s) => s.id), 'confirmation'];
}

/** The step kinds of the activation, in the order of the screens. */
export const stepKindsOf = (screens: readonly ActivationScreen[]): ActivationStepKind[] => screens.flatMap((s) => s.kinds);

/** The screen holding `kind` (its id), where a refusal about that kind sends the wizard back. */
export function screenOf(screens: readonly ActivationScreen[], kind: ActivationStepKind): ActivationStepKind {
  return screens.find((s) => s.kinds.includes(kind))?.id ?? kind;
}

/** Does the person hold one of the identifiers this institution accepts? */
export const holdsOfferedIdentifier = (held: readonly IdentifierKind[], offer: DeskEvidenceOffer): boolean =>
  held.some((kind) => offer.identifierKinds.includes(kind));
