/**
 * Institution password profiles: plain data, shared by the renderer (live checklist)
 * and main (enforcement). The built-in profiles transcribe the institutions' own pages;
 * the configuration picks one and may add or adjust profiles.
 */
import { z } from 'zod';

export const CHARACTER_KINDS = ['lower', 'upper', 'digit', 'special'] as const;
export type CharacterKind = (typeof CHARACTER_KINDS)[number];

/**
 * UPHF (seed 000): `! " # $ % & ( ) * + , - . / : ; < = > ? @ [ ] ^ _ ` { | } ~`, that is
 * ASCII punctuation without the apostrophe and the backslash, which the page leaves out.
 */
export const UPHF_SPECIALS = '!"#$%&()*+,-./:;<=>?@[]^_`{|}~';
/** UPVD (seed 003): "Caractères spéciaux : ! . @ # + : < > $ et %". */
export const UPVD_SPECIALS = '!.@#+:<>$%';

export const passwordProfileSchema = z.strictObject({
  label: z.string().default(''),
  /** Counted in Unicode code points after NFC normalisation. */
  minLength: z.number().int().min(1).max(128),
  /** null: no upper bound. */
  maxLength: z.number().int().min(1).max(256).nullable().default(null),
  /** Kinds that must each appear at least once. */
  requiredKinds: z.array(z.enum(CHARACTER_KINDS)).default([]),
  /** At least this many different kinds among the four (0: no such rule). */
  minKinds: z.number().int().min(0).max(4).default(0),
  /**
   * The special characters the profile accepts. Any other character that is not a letter,
   * a digit 0-9 or (when allowed) a space is refused. 'any': every printable symbol or
   * punctuation mark counts as special.
   */
  specials: z.union([z.literal('any'), z.string().min(1)]),
  allowSpace: z.boolean().default(false),
  /** Accented and other non-ASCII letters (é, Ç, ß...) accepted as letters. */
  nonAsciiLetters: z.boolean().default(true),
  /** Refuse a password that contains the login (case and accents ignored). */
  forbidLogin: z.boolean().default(true),
  /** "Different from the last N": enforced by the directory (pwdInHistory), only shown here. */
  historyCount: z.number().int().min(0).max(24).default(0),
  /**
   * Refuse the most common passwords, words and first names, keyboard walks and sequences,
   * even with digits, a year or special characters around them (password-blocklist.ts).
   */
  rejectCommon: z.boolean().default(true),
  /** zxcvbn score (0-4) the password must reach; 0 turns the strength rule off. */
  minStrengthScore: z.number().int().min(0).max(4).default(3),
  /** Words an attacker would try first for this institution (fed to zxcvbn). */
  extraWords: z.array(z.string().min(1)).default([]),
});

export type PasswordProfileSettings = z.output<typeof passwordProfileSchema>;
export interface PasswordProfile extends PasswordProfileSettings {
  id: string;
}

export const BUILT_IN_PROFILES: Readonly<Record<'uphf' | 'upvd', PasswordProfile>> = {
  uphf: {
    id: 'uphf',
    label: 'Université Polytechnique Hauts-de-France',
    minLength: 12,
    maxLength: 30,
    requiredKinds: ['lower', 'upper', 'digit', 'special'],
    minKinds: 0,
    specials: UPHF_SPECIALS,
    allowSpace: false,
    nonAsciiLetters: true,
    forbidLogin: true,
    historyCount: 3,
    rejectCommon: true,
    minStrengthScore: 3,
    extraWords: ['uphf', 'valenciennes', 'polytechnique', 'hauts-de-france', 'sesame'],
  },
  upvd: {
    id: 'upvd',
    label: 'Université de Perpignan Via Domitia',
    minLength: 8,
    maxLength: null,
    requiredKinds: [],
    minKinds: 3,
    specials: UPVD_SPECIALS,
    allowSpace: false,
    nonAsciiLetters: true,
    forbidLogin: true,
    historyCount: 0,
    rejectCommon: true,
    minStrengthScore: 3,
    extraWords: ['upvd', 'perpignan', 'domitia', 'sesame'],
  },
};

/** A profile in the configuration: a full one, or `extends` a known one and changes some fields. */
export type ConfiguredProfile = Partial<PasswordProfileSettings> & { extends?: string };
// Defaults removed: a field left out must come from the profile it extends, not from the default.
export const configuredProfileSchema = z.strictObject({
  ...Object.fromEntries(
    Object.entries(passwordProfileSchema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ),
  extends: z.string().min(1).optional(),
}) as unknown as z.ZodType<ConfiguredProfile, ConfiguredProfile>;

export const passwordPolicyConfigSchema = z
  .strictObject({
    /** The profile the desk enforces. */
    profile: z.string().min(1).default('uphf'),
    profiles: z.record(z.string().regex(/^[a-z0-9-]+$/), configuredProfileSchema).default({}),
  })
  .superRefine((value, ctx) => {
    for (const [path, id] of [['profile', value.profile], ...Object.keys(value.profiles).map((id) => [`profiles.${id}`, id])]) {
      try {
        resolvePasswordProfile(value, id);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: path!.split('.'), message: (error as Error).message });
      }
    }
  });

export type PasswordPolicyConfig = z.output<typeof passwordPolicyConfigSchema>;
type PasswordPolicyInput = { profile?: string; profiles?: Record<string, ConfiguredProfile> };

/** The profile `id` (the configured one by default), with `extends` resolved. Throws when unknown or invalid. */
export function resolvePasswordProfile(policy: PasswordPolicyInput = {}, id = policy.profile ?? 'uphf'): PasswordProfile {
  const seen = new Set<string>();
  const resolve = (name: string): PasswordProfile => {
    if (seen.has(name)) throw new Error(`password profile "${name}" extends itself`);
    seen.add(name);
    const configured = policy.profiles?.[name];
    const builtIn = (BUILT_IN_PROFILES as Record<string, PasswordProfile | undefined>)[name];
    if (!configured) {
      if (!builtIn) throw new Error(`unknown password profile "${name}"`);
      return builtIn;
    }
    const { extends: parent, ...fields } = configured;
    const base = parent ? resolve(parent) : builtIn;
    const { id: _baseId, ...baseFields } = base ?? { id: name };
    const parsed = passwordProfileSchema.safeParse({ ...baseFields, ...fields });
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`password profile "${name}": ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`.trim());
    }
    const profile = { ...parsed.data, id: name };
    if (profile.maxLength !== null && profile.maxLength < profile.minLength)
      throw new Error(`password profile "${name}": maxLength is below minLength`);
    return profile;
  };
  return resolve(id);
}
