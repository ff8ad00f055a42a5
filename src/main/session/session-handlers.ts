/**
 * session:* channels: agent sign-in (online, or offline with the local verifier when no
 * directory server answers), sign-out, idle/manual lock and resume.
 */
import type { AuditEventInput } from '../../shared/audit-events';
import type { SessionInfo } from '../../shared/contract/session';
import { GuichetError } from '../../shared/result';
import type { Router } from '../router';
import type { Services } from '../services';
import { authenticateAgent, SignInRefused } from '../directory/agent-auth';
import { bindWithPolicy, closeQuietly, isUnreachable, openFirstAvailable } from '../directory/agent-bind';
import { AgentConnection } from '../directory/agent-connection';
import { classifyLdapError } from '../directory/ldap-errors';
import type { AgentSession } from './session-store';

/** Wrong passwords in a row at the lock screen before the session is closed. */
const MAX_RESUME_FAILURES = 5;

type RefusalReason = Extract<AuditEventInput, { action: 'sign-in-refused' }>['details']['reason'];

function refusalReason(code: string): RefusalReason {
  switch (code) {
    case 'ACCOUNT_LOCKED':
      return 'account-locked';
    case 'NOT_AN_AGENT':
      return 'not-an-agent';
    case 'INVALID_CREDENTIALS':
    case 'POLICY_VIOLATION':
      return 'invalid-credentials';
    default:
      return 'directory-unavailable';
  }
}

export function setupSession(router: Router, services: Services): void {
  const { session, agentDirectory } = services;
  const { audit, verifiers } = agentDirectory;
  const directory = services.config.directory;
  let resumeFailures = 0;

  const info = (): SessionInfo => {
    const s = session.current();
    return {
      agent: s ? { login: s.login, displayName: s.displayName, role: s.role, online: s.online } : null,
      locked: s?.locked ?? false,
      idleLockMinutes: services.config.session.idleLockMinutes,
    };
  };
  const agentRef = (s: AgentSession) => ({ login: s.login, displayName: s.displayName });

  async function endSession(reason: 'user' | 'replaced' | 'expired'): Promise<void> {
    const s = session.current();
    session.set(null);
    resumeFailures = 0;
    await agentDirectory.attach(null);
    if (s) audit.record({ action: 'sign-out', outcome: 'success', agent: agentRef(s), details: { reason } });
  }

  /** The directory stopped accepting the agent's password mid-session (changed or locked elsewhere). */
  function credentialsRevoked(): void {
    void endSession('expired');
  }

  async function start(next: AgentSession, connection: AgentConnection | null): Promise<void> {
    if (session.current()) await endSession('replaced');
    await agentDirectory.attach(connection);
    session.set(next);
    resumeFailures = 0;
    audit.record({
      action: 'sign-in',
      outcome: 'success',
      agent: agentRef(next),
      details: { mode: next.online ? 'online' : 'offline', role: next.role },
    });
  }

  async function signInOffline(login: string, password: string): Promise<SessionInfo> {
    const verifier = await verifiers.verify(login, password, services.now());
    if (!verifier) {
      audit.record({ action: 'sign-in-refused', outcome: 'denied', agent: null, details: { mode: 'offline', reason: 'offline-unavailable' } });
      // One answer for unknown agent, expired verifier and wrong password alike.
      throw new GuichetError('DIRECTORY_UNAVAILABLE', 'the directory is unreachable and offline sign-in was refused', {
        offlineSignIn: 'refused',
      });
    }
    await start(
      {
        login: verifier.login,
        displayName: verifier.displayName,
        dn: verifier.dn,
        role: verifier.role,
        online: false,
        signedInAt: services.now().toISOString(),
        locked: false,
      },
      null,
    );
    return info();
  }

  router.register('session:sign-in', async ({ login, password }) => {
    if (session.current()?.locked) throw new GuichetError('SESSION_LOCKED', 'sign the locked session out first');
    let agent;
    try {
      agent = await authenticateAgent(directory, login, password);
    } catch (error) {
      const code = classifyLdapError(error);
      if (isUnreachable(code)) return signInOffline(login, password);
      const knownLogin = error instanceof SignInRefused ? error.knownLogin : null;
      audit.record({
        action: 'sign-in-refused',
        outcome: 'denied',
        // A login the directory did not find is not recorded: it may be a password typed in the wrong box.
        agent: knownLogin ? { login: knownLogin, displayName: '' } : null,
        directoryCode: code === 'INVALID_CREDENTIALS' || code === 'ACCOUNT_LOCKED' ? 49 : null,
        details: { mode: 'online', reason: refusalReason(code) },
      });
      throw error;
    }
    const connection = new AgentConnection({
      directory,
      dn: agent.dn,
      client: agent.client,
      url: agent.url,
      password,
      onCredentialsRevoked: credentialsRevoked,
    });
    await start(
      {
        login: agent.login,
        displayName: agent.displayName,
        dn: agent.dn,
        role: agent.role,
        online: true,
        signedInAt: services.now().toISOString(),
        locked: false,
      },
      connection,
    );
    try {
      await verifiers.remember(agent, password, services.now());
    } catch {
      services.logger.log({ level: 'warn', event: 'offline-verifier', note: 'not stored' });
    }
    return info();
  });

  router.register('session:sign-out', async () => {
    await endSession('user');
    return info();
  });

  router.register('session:lock', ({ reason }) => {
    const s = session.current();
    if (!s) throw new GuichetError('NOT_SIGNED_IN', 'no agent is signed in');
    if (!s.locked) {
      session.set({ ...s, locked: true });
      agentDirectory.connection()?.forgetPassword();
      audit.record({
        action: 'idle-lock',
        outcome: 'success',
        agent: agentRef(s),
        details: { idleMinutes: reason === 'idle' ? services.config.session.idleLockMinutes : 0 },
      });
    }
    return info();
  });

  /** Checks the password at the lock screen: a new directory session, or the local verifier when none answers. */
  async function verifyForResume(s: AgentSession, password: string): Promise<void> {
    const offlineCheck = async (problem: GuichetError) => {
      const verifier = await verifiers.verify(s.login, password, services.now());
      if (!verifier || verifier.dn !== s.dn) throw problem;
    };
    if (!s.online) return offlineCheck(new GuichetError('INVALID_CREDENTIALS', 'invalid credentials'));
    let opened;
    try {
      opened = await openFirstAvailable(directory, (c) => bindWithPolicy(c, s.dn, password));
    } catch (error) {
      const code = classifyLdapError(error);
      if (isUnreachable(code)) return offlineCheck(new GuichetError(code, 'the directory is unreachable'));
      throw error;
    }
    const connection = agentDirectory.connection();
    if (connection) await connection.replaceClient(opened.client, opened.url);
    else await closeQuietly(opened.client);
  }

  router.register('session:resume', async ({ password }) => {
    const s = session.current();
    if (!s) throw new GuichetError('NOT_SIGNED_IN', 'no agent is signed in');
    if (!s.locked) return info();
    try {
      await verifyForResume(s, password);
    } catch (error) {
      const code = classifyLdapError(error);
      if (code === 'INVALID_CREDENTIALS' || code === 'ACCOUNT_LOCKED') {
        resumeFailures += 1;
        audit.record({ action: 'session-resumed', outcome: 'denied', agent: agentRef(s), directoryCode: s.online ? 49 : null, details: {} });
        if (code === 'ACCOUNT_LOCKED' || resumeFailures >= MAX_RESUME_FAILURES) {
          await endSession('expired');
          throw new GuichetError('NOT_SIGNED_IN', 'too many failed attempts: sign in again');
        }
      }
      throw error;
    }
    agentDirectory.connection()?.rememberPassword(password);
    resumeFailures = 0;
    session.set({ ...s, locked: false });
    audit.record({ action: 'session-resumed', outcome: 'success', agent: agentRef(s), details: {} });
    return info();
  });

  router.register('session:current', () => info());
}
