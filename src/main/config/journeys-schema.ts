/**
 * The configuration of an institution's own journeys (zod): its words, its activation
 * screens, the identifiers and the document code its verification accepts, the self change.
 * The cross-checks that need several sections are in journeys.ts.
 */
import { z } from 'zod';
import {
  ACTIVATION_STEP_KINDS,
  DEFAULT_ACTIVATION_SCREENS,
  WORD_KEYS,
  type ActivationScreen,
  type ActivationStepKind,
  type IdentifierOption,
  type WordKey,
} from '../../shared/institution';
import { IDENTIFIER_KINDS } from '../../shared/verification';

export const localTextSchema = z.strictObject({
  fr: z.string().trim().min(1).max(600),
  en: z.string().trim().min(1).max(600),
});

export const institutionWordsSchema = z
  .strictObject(Object.fromEntries(WORD_KEYS.map((key) => [key, localTextSchema.optional()])) as Record<WordKey, z.ZodOptional<typeof localTextSchema>>)
  .prefault({});

const stepKind = z.enum(ACTIVATION_STEP_KINDS);
const screenSchema = z.union([
  stepKind.transform((kind) => ({ kinds: [kind] })),
  z.array(stepKind).min(1).max(ACTIVATION_STEP_KINDS.length).transform((kinds) => ({ kinds })),
  z.strictObject({ kinds: z.array(stepKind).min(1).max(ACTIVATION_STEP_KINDS.length), title: localTextSchema.optional(), intro: localTextSchema.optional() }),
]);

const toScreen = (s: { kinds: ActivationStepKind[]; title?: z.output<typeof localTextSchema>; intro?: z.output<typeof localTextSchema> }): ActivationScreen => ({
  id: s.kinds[0]!,
  kinds: s.kinds,
  title: s.title ?? null,
  intro: s.intro ?? null,
});

export const activationStepsSchema = z
  .array(screenSchema)
  .min(1)
  .max(ACTIVATION_STEP_KINDS.length)
  .superRefine((screens, ctx) => {
    const kinds = screens.flatMap((s) => s.kinds);
    const twice = kinds.filter((k, i) => kinds.indexOf(k) !== i);
    if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `each step kind at most once (${[...new Set(twice)].join(', ')})` });
    // An activation gives the account its first password: every journey has one.
    if (!kinds.includes('password')) ctx.addIssue({ code: 'custom', message: 'the activation needs a password step' });
  })
  .transform((screens) => screens.map(toScreen))
  .default(() => DEFAULT_ACTIVATION_SCREENS.map((s) => ({ ...s, kinds: [...s.kinds] })));

const identifierSchema = z.union([
  z.enum(IDENTIFIER_KINDS).transform((kind): IdentifierOption => ({ kind, label: null, hint: null })),
  z
    .strictObject({ kind: z.enum(IDENTIFIER_KINDS), label: localTextSchema.optional(), hint: localTextSchema.optional() })
    .transform((o): IdentifierOption => ({ kind: o.kind, label: o.label ?? null, hint: o.hint ?? null })),
]);

/** Which identifiers the person may state with their date of birth (today's three when absent). */
export const identifiersSchema = z
  .array(identifierSchema)
  .min(1)
  .max(IDENTIFIER_KINDS.length)
  .refine((list) => new Set(list.map((o) => o.kind)).size === list.length, { message: 'each identifier at most once' })
  .default(() => (['studentId', 'ine', 'staffId'] as const).map((kind) => ({ kind, label: null, hint: null })));

/** The code printed on a document the person holds, compared on `directory.attributes.documentCode`; null: none. */
export const documentCodeSchema = z
  .strictObject({ label: localTextSchema, hint: localTextSchema.optional() })
  .transform((o) => ({ label: o.label, hint: o.hint ?? null }))
  .nullable()
  .default(null);

export const selfChangeSchema = z
  .strictObject({
    /** Offer "change with the current password" on the card: the change is made under the person's own bind. */
    enabled: z.boolean().default(false),
  })
  .prefault({});
