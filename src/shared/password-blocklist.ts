/**
 * The "too common" rule (NIST SP 800-63B 3.1.1.2): a password whose core, once folded,
 * stripped of its decoration and its look-alikes undone (password-common.ts), is one of
 * the most common French and international passwords, words and first names
 * (password-blocklist-data.ts, sources in DEPENDENCIES.md), or is a keyboard walk, a
 * sequence or a repetition. Pure and synchronous: the checklist runs it on each keystroke
 * (bench: npm run bench:password), main again before writing.
 */
import { COMMON_PASSWORDS } from './password-blocklist-data';
import { commonForms, isKeyboardWalk, isSequence, MIN_COMMON_LENGTH, repeatedChunk } from './password-common';

export type CommonReason = 'listed' | 'keyboard' | 'sequence' | 'repeated';

let listed: ReadonlySet<string> | null = null;
/** The list as a set, built on first use (a few milliseconds). */
export function commonPasswordSet(): ReadonlySet<string> {
  listed ??= new Set(COMMON_PASSWORDS.split('\n'));
  return listed;
}

/** Why one normalised form is common, or null. */
export function commonShape(form: string): CommonReason | null {
  if ([...form].length < MIN_COMMON_LENGTH) return null;
  const set = commonPasswordSet();
  if (set.has(form) || set.has([...form].reverse().join(''))) return 'listed';
  if (isSequence(form)) return 'sequence';
  if (isKeyboardWalk(form)) return 'keyboard';
  const chunk = repeatedChunk(form);
  if (chunk !== null && ([...chunk].length < MIN_COMMON_LENGTH || commonShape(chunk) !== null)) return 'repeated';
  return null;
}

/** Why `password` is too common ("Azerty2024!" → listed, "Qsdfgh12!" → keyboard), or null. */
export function commonPasswordMatch(password: string): CommonReason | null {
  for (const form of commonForms(password)) {
    const reason = commonShape(form);
    if (reason) return reason;
  }
  return null;
}
