/**
 * What the screen says about an account, wherever it says it: the badges of a search result
 * and of the card header, and the card's state, activation and lock lines. Pure: the
 * renderer only translates these into words, it decides nothing.
 */
import { activatedOf, fixerOf, signInOf, standingOf, type AccountFacts, type Fixer, type SignIn, type Standing } from './account-standing';

export type Tone = 'ok' | 'warn' | 'danger' | 'info';

export type Badge =
  | { kind: 'standing'; standing: Standing; tone: Tone }
  | { kind: 'locked'; byAdministrator: boolean; tone: 'danger' }
  | { kind: 'reset-pending'; tone: 'warn' }
  | { kind: 'red-list'; tone: 'info' };

const STANDING_TONE: Readonly<Record<Standing, Tone>> = {
  active: 'ok',
  'never-activated': 'warn',
  'pre-created': 'warn',
  expired: 'danger',
  inactive: 'danger',
  suspended: 'danger',
  unknown: 'danger',
};

/** In the order the eye should meet them: the standing, then what stops or awaits the person, then the red list. */
export function accountBadges(facts: AccountFacts): Badge[] {
  const standing = standingOf(facts.state, facts.hasPassword);
  const badges: Badge[] = [{ kind: 'standing', standing, tone: STANDING_TONE[standing] }];
  if (facts.locked) badges.push({ kind: 'locked', byAdministrator: facts.lockedByAdministrator, tone: 'danger' });
  if (facts.resetPending && facts.hasPassword) badges.push({ kind: 'reset-pending', tone: 'warn' });
  if (facts.redListed) badges.push({ kind: 'red-list', tone: 'info' });
  return badges;
}

export interface AccountView {
  standing: Standing;
  /** False when the directory gives no state at all and the standing was read from the password. */
  stateStated: boolean;
  /** The SUPANN sub-state, for the detail of a suspension or an inactive account. */
  subState: string | null;
  signIn: SignIn;
  /** true activated, false never, null cannot be told (unreadable state). */
  activated: boolean | null;
  /** Who can change the standing when the desk cannot. */
  fixer: Fixer | null;
  badges: Badge[];
}

export function accountView(facts: AccountFacts): AccountView {
  return {
    standing: standingOf(facts.state, facts.hasPassword),
    stateStated: facts.state.reading !== 'missing',
    subState: facts.state.reading === 'read' ? facts.state.subState : null,
    signIn: signInOf(facts),
    activated: activatedOf(facts),
    fixer: fixerOf(facts),
    badges: accountBadges(facts),
  };
}
