/**
 * Strength estimate with zxcvbn-ts, French and common dictionaries, the AZERTY/QWERTY
 * keyboards, the institution's words and the person's own words. The dictionaries weigh
 * a few megabytes, so they are imported on first use: the rule checklist
 * (password-policy.ts) works before, and without, this module.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { checkPassword, normalizePassword, personalWords, type PasswordCheck, type PasswordContext } from './password-policy';
import type { PasswordProfile } from './password-profiles';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface StrengthEstimate {
  score: StrengthScore;
  /** log10 of the estimated number of guesses. */
  guessesLog10: number;
  /** zxcvbn's advice, in French. */
  warning: string | null;
  suggestions: string[];
}

export interface StrengthEstimator {
  estimate(password: string, context: PasswordContext, profile: PasswordProfile): StrengthEstimate;
}

let loading: Promise<StrengthEstimator> | null = null;

async function build(): Promise<StrengthEstimator> {
  const [core, common, fr] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-fr'),
  ]);
  const factory: ZxcvbnFactory = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
    useLevenshteinDistance: false,
    // Longer inputs are refused by every profile anyway; this bounds the matcher's work.
    maxLength: 128,
  });
  return {
    estimate(password, context, profile) {
      const inputs = [...personalWords(context), ...profile.extraWords];
      const result = factory.check(normalizePassword(password), inputs);
      return {
        score: result.score as StrengthScore,
        guessesLog10: result.guessesLog10,
        warning: result.feedback.warning,
        suggestions: result.feedback.suggestions,
      };
    },
  };
}

/** The estimator, built once; the first call loads the dictionaries. */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  loading ??= build().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The full check, strength included: what main runs before writing a password. */
export async function checkPasswordWithStrength(
  password: string,
  context: PasswordContext,
  profile: PasswordProfile,
): Promise<PasswordCheck & { strength: StrengthEstimate | null }> {
  if (profile.minStrengthScore === 0) return { ...checkPassword(password, context, profile), strength: null };
  const estimator = await loadStrengthEstimator();
  const strength = estimator.estimate(password, context, profile);
  return { ...checkPassword(password, context, profile, { strengthScore: strength.score }), strength };
}
