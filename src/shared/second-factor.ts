/** The second factor at the desk (an authenticator app, TOTP): plain data shared by main and renderer. Never a secret. */

/** The only sets every authenticator app supports are 6 digits, 30 s, SHA-1; the others are for institutions that chose them. */
export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

/** What the card says of the person's second factor, read from the token's attributes (never the secret). */
export interface SecondFactorStatus {
  /** 'none': no authenticator; 'totp': an authenticator app (TOTP token checked by the directory at sign-in). */
  kind: 'none' | 'totp';
  /** ISO time the current authenticator was enrolled; null when unknown (enrolled elsewhere) or none. */
  since: string | null;
  /** ISO time of the last code the directory accepted (the start of its time step); null when none yet. */
  lastCodeAt: string | null;
  /** The token's parameters, when they could be read. */
  digits: number | null;
  periodSeconds: number | null;
  algorithm: TotpAlgorithm | null;
}

export const NO_SECOND_FACTOR: SecondFactorStatus = { kind: 'none', since: null, lastCodeAt: null, digits: null, periodSeconds: null, algorithm: null };

/** A base32 key as the person types it into an app: groups of four, upper case. */
export function groupKey(base32: string): string[] {
  const clean = base32.replace(/[\s=]/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += 4) groups.push(clean.slice(i, i + 4));
  return groups;
}
