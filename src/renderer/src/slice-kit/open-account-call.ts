/** Calls that need the open card's DN: sent for the account open now, their answer dropped if another account is open by the time it comes back. */
import type { Result } from '../../../shared/result';
import type { DeskPorts } from './desk-ports';

export interface AccountAnswer<T> {
  dn: string;
  result: Result<T>;
}

/** What the caller does around the call: `started` once it is sent, `answered` once the answer is in, wanted or not. */
export interface AccountCallSteps {
  started?: () => void;
  answered?: () => void;
}

export interface AccountCalls {
  /** For this account: the answer (null when stale) counts only while it is still the open one. */
  forAccount: <T>(dn: string, run: (dn: string) => Promise<Result<T>>, steps?: AccountCallSteps) => Promise<AccountAnswer<T> | null>;
  /** For the account open now: nothing is sent when none is open. */
  forOpenAccount: <T>(run: (dn: string) => Promise<Result<T>>, steps?: AccountCallSteps) => Promise<AccountAnswer<T> | null>;
}

export function accountCalls(get: () => Pick<DeskPorts, 'card'>): AccountCalls {
  const openDn = () => get().card?.dn ?? null;
  async function forAccount<T>(dn: string, run: (dn: string) => Promise<Result<T>>, steps: AccountCallSteps = {}) {
    steps.started?.();
    const result = await run(dn);
    steps.answered?.();
    return openDn() === dn ? { dn, result } : null;
  }
  return {
    forAccount,
    async forOpenAccount(run, steps) {
      const dn = openDn();
      return dn ? forAccount(dn, run, steps) : null;
    },
  };
}
