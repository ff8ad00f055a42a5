/** The configuration file's schema (zod), with its defaults: directory, verification, audit, mail, session. */
import { z } from 'zod';
import { passwordPolicyConfigSchema } from '../../shared/password-profiles';
import { verificationConfigSchema } from '../verification/policy';
import { mailConfigSchema } from '../mail/mail-config';
import { secondFactorConfigSchema } from '../second-factor/second-factor-config';
import { AUDIT_ACTIONS } from '../../shared/audit-events';
import { lifecycleConfigSchema } from '../lifecycle/lifecycle-config';
import { worklistsConfigSchema } from '../worklists/worklists-config';

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
import { activationStepsSchema, institutionWordsSchema, selfChangeSchema } from './journeys-schema';
import { centralConfigSchema } from '../central-audit/central-config';
import { syslogConfigSchema } from '../siem/syslog-config';

const durationMs = (fallback: number) => z.number().int().min(100).max(120_000).default(fallback);

const ldapUrl = z
  .string()
  .regex(/^ldaps?:\/\/[^\s/]+\/?$/i, { message: 'an URL such as ldaps://ldap.univ.fr or ldap://127.0.0.1:389' });

/** SUPANN names by default; every attribute the console reads or writes can be renamed. */
export const attributeMapSchema = z
  .strictObject({
    login: z.string().default('uid'),
    alias: z.string().default('supannAliasLogin'),
    studentId: z.string().default('supannEtuId'),
    ine: z.string().default('supannCodeINE'),
    staffId: z.string().default('supannEmpId'),
    uniqueId: z.string().default('eduPersonUniqueId'),
    /** `{SOURCE}value` identifiers shared with other systems (externals, guests). */
    refId: z.string().default('supannRefId'),
    principalName: z.string().default('eduPersonPrincipalName'),
    commonName: z.string().default('cn'),
    displayName: z.string().default('displayName'),
    familyName: z.string().default('sn'),
    givenName: z.string().default('givenName'),
    civility: z.string().default('supannCivilite'),
    mail: z.string().default('mail'),
    personalMail: z.string().default('supannMailPerso'),
    mobile: z.string().default('mobile'),
    affiliation: z.string().default('eduPersonAffiliation'),
    primaryAffiliation: z.string().default('eduPersonPrimaryAffiliation'),
    accountState: z.string().default('supannRessourceEtat'),
    accountStateDate: z.string().default('supannRessourceEtatDate'),
    consent: z.string().default('supannConsentement'),
    hiddenFromDirectory: z.string().default('supannListeRouge'),
    dateOfBirth: z.string().default('schacDateOfBirth'),
    secretQuestion: z.string().default('guichetSecretQuestion'),
    secretAnswerHash: z.string().default('guichetSecretAnswerHash'),
    charterAcceptance: z.string().default('guichetCharterAcceptance'),
    /** The directory photo, shown only when the agent asks (never exported, recorded or logged). */
    photo: z.string().default('jpegPhoto'),
    /**
     * Where the directory keeps the last successful sign-in: `authTimestamp` (slapd's lastbind
     * overlay), `pwdLastSuccess` (ppolicy in slapd 2.6 and later); null: not kept ("non suivi").
     */
    lastAuthentication: z.string().min(1).nullable().default(null),
    /** The institution's dossier number (UBP's "numéro de dossier"); SUPANN has none: absent unless mapped. */
    dossierNumber: z.string().min(1).optional(),
    /**
     * The code printed on a document the person holds (UBP's enrolment-certificate code),
     * only ever compared (verification.documentCode), never read. Absent unless mapped.
     */
    documentCode: z.string().min(1).optional(),
    /** When the current authenticator was enrolled (generalized time), written with the token. */
    secondFactorSince: z.string().default('guichetSecondFactorSince'),
  })
  .prefault({});

export const directorySchema = z.strictObject({
  /** Tried in order: the first that answers is used (failover). */
  urls: z.array(ldapUrl).min(1, { message: 'at least one directory URL' }),
  tls: z
    .strictObject({
      mode: z.enum(['ldaps', 'starttls', 'none']).default('ldaps'),
      /** PEM file of the CA that signed the directory's certificate; the system store when absent. */
      caFile: z.string().optional(),
      /** Lab only: allow plain ldap:// to a non-loopback host. Never in production. */
      allowPlainToNonLoopback: z.boolean().default(false),
    })
    .prefault({}),
  connectTimeoutMs: durationMs(3_000),
  operationTimeoutMs: durationMs(5_000),
  baseDn: z.string().min(1),
  peopleBase: z.string().min(1),
  groupsBase: z.string().min(1).optional(),
  /** How to find an agent's entry before binding as the agent. */
  agentSearch: z
    .strictObject({
      attribute: z.string().default('uid'),
      /** Read-only service account; anonymous search when absent. */
      bindDn: z.string().optional(),
      /** Read from this environment variable, never from the file itself. */
      bindPasswordEnv: z.string().optional(),
    })
    .prefault({}),
  groups: z.strictObject({
    agents: z.string().min(1),
    supervisors: z.string().min(1),
  }),
  attributes: attributeMapSchema,
  sizeLimit: z.number().int().min(1).max(1_000).default(50),
  /**
   * How consents are stored. The attributes are the mapped `consent` (supannConsentement,
   * multi-valued: only these two values are ever added or removed, others stay), `mobile`
   * and `hiddenFromDirectory` (supannListeRouge, TRUE/FALSE); these are the values.
   */
  consents: z
    .strictObject({
      /** supannConsentement values (local vocabulary: SUPANN has none for these two). */
      smsAlerts: z.string().min(1).default('{SMS}ALERTES'),
      photoUse: z.string().min(1).default('{PHOTO}TROMBINOSCOPE'),
      /** Numbers typed without a country prefix are read in this region (ISO 3166 code). */
      phoneRegion: z.string().regex(/^[A-Z]{2}$/).default('FR'),
      /**
       * Tried in order when a national number is not valid in `phoneRegion`: French overseas
       * mobiles typed as 0690…, 0694…, 0692… belong to these plans, not to +33.
       */
      phoneAlsoRegions: z.array(z.string().regex(/^[A-Z]{2}$/)).max(20).default(['GP', 'MQ', 'GF', 'RE', 'YT', 'PM']),
    })
    .prefault({}),
  /**
   * The password policy entry applied to people (slapd's ppolicy_default): its pwdMaxAge gives
   * each password's expiry. Absent: the desk does not know the policy and shows no expiry.
   */
  passwordPolicyDn: z.string().min(1).optional(),
  /** Student numbers as typed at the desk, e.g. "^[0-9]{8}$" (checked once group separators are dropped). */
  studentIdPattern: z.string().default('^[0-9]{8}$'),
  /**
   * The attributes a name is searched in, all with the same rules (any word start, accents
   * optional). When absent: the mapped familyName, givenName, displayName and commonName.
   */
  nameAttributes: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, { message: 'an attribute name such as sn or displayName' }))
    .min(1)
    .max(8)
    .optional(),
});

export const configSchema = z.strictObject({
  institution: z
    .strictObject({
      name: z.string().min(1).default('Université de démonstration'),
      helpdeskName: z.string().default('Guichet numérique'),
      helpdeskContact: z.string().default('assistance@univ-demo.fr'),
      /**
       * Who corrects a person's addresses in the directory (the registrar's office, HR...), in
       * the words the agent repeats to the person when an address on record cannot be used.
       */
      recordsOffice: z
        .string()
        .trim()
        .min(3)
        .max(200)
        .default('la scolarité (étudiants) ou le service des ressources humaines (personnels)'),
      charterUrl: z.string().default('https://www.univ-demo.fr/reglement-interieur'),
      charterVersion: z.string().default('2026-09'),
      /** Where a person changes a password given at the desk (printed on the slip). */
      passwordChangeUrl: z.string().default('https://www.univ-demo.fr/mot-de-passe'),
      /** The institution's own words (Sésame, ENT, Question Joker…), French and English; the console's when absent. */
      words: institutionWordsSchema,
    })
    .prefault({}),
  locale: z.enum(['fr', 'en']).default('fr'),
  workstation: z.string().min(1).max(64).optional(),
  directory: directorySchema,
  audit: z
    .strictObject({
      /** SQLite file; the app's data folder when absent. */
      path: z.string().optional(),
      retentionDays: z.number().int().min(1).max(3_650).default(365),
      offlineVerifierDays: z.number().int().min(0).max(90).default(14),
      /** Actions the agent must comment (e.g. [password-reset, account-unlock]). */
      requireComment: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).default([]),
      /** Actions the agent must file under a ticket reference. */
      requireTicket: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).default([]),
      /** The institution's ticket format, a regular expression (e.g. "^INC\\d{7}$"); any reference when absent. */
      ticketPattern: z
        .string()
        .min(1)
        .max(200)
        .refine((source) => compiles(source), { message: 'a regular expression (e.g. ^INC\\d{7}$)' })
        .optional(),
      /** A reference in that format, shown in the field's hint (e.g. INC0012345). */
      ticketExample: z.string().trim().min(1).max(64).optional(),
      /** The central store every desk forwards its trail to (PostgreSQL); absent: the trail stays on this desk only. */
      central: centralConfigSchema.optional(),
      /** The SIEM's syslog receiver (RFC 5424 over TLS); absent: nothing is sent. */
      syslog: syslogConfigSchema.optional(),
    })
    .prefault({}),
  session: z
    .strictObject({
      idleLockMinutes: z.number().min(0.1).max(120).default(5),
    })
    .prefault({}),
  /** The assisted activation of a never-activated account (see main/activation). */
  activation: z
    .strictObject({
      /** Offered in the list; the person may also write their own question. */
      presetQuestions: z
        .array(z.string().trim().min(5).max(200))
        .max(30)
        .default([
          'Quel est le nom de jeune fille de votre mère ?',
          'Quel est le prénom de votre meilleur ami d’enfance ?',
          'Quel était le nom de votre premier animal de compagnie ?',
          'Dans quelle ville vos parents se sont-ils rencontrés ?',
          'Quel était le nom de votre école primaire ?',
          'Quel est le titre de votre livre préféré ?',
        ]),
      /** Shortest secret answer accepted, after normalisation (trimmed, case and accents folded). */
      minAnswerLength: z.number().int().min(2).max(50).default(3),
      /** Auxiliary class added to the entry when missing, so the question and charter attributes are allowed; null: never. */
      objectClass: z.string().min(1).nullable().default('guichetAccount'),
      /**
       * The screens between the verification and the confirmation, in order: each a step
       * kind, a list of kinds on one screen, or {kinds, title, intro} with the institution's
       * words (see journeys-schema.ts). UPHF's when absent.
       */
      steps: activationStepsSchema,
    })
    .prefault({}),
  /** The person changes their own password at the desk by typing the current one (UBP). */
  selfChange: selfChangeSchema,
  /** Which institution profile the password rules follow (see shared/password-profiles.ts). */
  passwordPolicy: passwordPolicyConfigSchema.prefault({}),
  /** Evidence each action needs, code and throttle settings (see main/verification/policy.ts). */
  verification: verificationConfigSchema,
  /** SMTP relay for codes and notifications (see main/mail/mail-config.ts). */
  mail: mailConfigSchema,
  /** Suspend, reactivate, extend validity (see main/lifecycle). */
  lifecycle: lifecycleConfigSchema,
  /** The worklists' days, start of term and page size (see main/worklists). */
  worklists: worklistsConfigSchema,
  /** Authenticator apps (TOTP checked by the directory's otp overlay) enrolled and removed at the desk (see main/second-factor). */
  secondFactor: secondFactorConfigSchema,
});

export type GuichetConfig = z.output<typeof configSchema>;
export type GuichetConfigInput = z.input<typeof configSchema>;
export type AttributeMap = GuichetConfig['directory']['attributes'];
