/** The session slice: the signed-in agent, sign-in, sign-out, lock and resume (which clear every slice's personal data). */
import type { AgentInfo, SessionInfo } from '../../../../shared/contract/session';
import type { AppError } from '../../../../shared/result';
import type { FeatureSlice } from '../../slice-kit/feature-slice';

export interface SessionSlice {
  agent: AgentInfo | null;
  locked: boolean;
  idleLockMinutes: number;
  signingIn: boolean;
  sessionError: AppError | null;
  signIn: (login: string, password: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  lock: (reason: 'idle' | 'manual') => Promise<void>;
  resume: (password: string) => Promise<boolean>;
}

export const sessionSlice: FeatureSlice<SessionSlice, never> = {
  empty: {},
  kept: {
    agent: 'the agent’s own identity, kept while locked; sign-out forgets it',
    locked: 'what the lock is',
    idleLockMinutes: 'configuration',
    signingIn: 'about the agent’s own request',
    sessionError: 'about the agent’s own password; lock and sign-out reset it',
  },
  clear: () => ({}),
  create:
    ({ api }) =>
    (set, get) => {
      const apply = (info: SessionInfo) => set({ agent: info.agent, locked: info.locked, idleLockMinutes: info.idleLockMinutes });
      return {
        agent: null,
        locked: false,
        idleLockMinutes: 5,
        signingIn: false,
        sessionError: null,
        async signIn(login, password) {
          set({ signingIn: true, sessionError: null });
          const result = await api.signIn({ login, password });
          set({ signingIn: false });
          if (!result.ok) {
            set({ sessionError: result.error });
            return false;
          }
          apply(result.value);
          get().navigate(result.value.agent?.online === false ? 'audit' : 'lookup');
          return true;
        },
        async signOut() {
          await api.signOut({});
          get().clearPersonalData('sign-out');
          set({ agent: null, locked: false, sessionError: null });
          get().navigate('signin');
        },
        async lock(reason) {
          if (!get().agent || get().locked) return;
          // Hide personal data first, whatever the main process answers.
          get().clearPersonalData('lock');
          set({ locked: true, sessionError: null });
          await api.lockSession({ reason });
        },
        async resume(password) {
          set({ signingIn: true, sessionError: null });
          const result = await api.resumeSession({ password });
          set({ signingIn: false });
          if (!result.ok) {
            set({ sessionError: result.error });
            return false;
          }
          apply(result.value);
          get().resumeAccount();
          return true;
        },
      };
    },
};
