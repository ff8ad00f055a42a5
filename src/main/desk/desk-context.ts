/**
 * Who is at the desk and about whom: the signed-in agent (online), the person read under
 * the agent's own bind, and the references the audit names them by. Every desk action
 * (verification, password, consents, activation) starts from one.
 */
import { assertRecordableTarget, type AuditIntentInput, type VerificationMethod } from '../../shared/audit-events';
import type { GuichetConfig } from '../config/schema';
import { maskMailbox, type MailboxRules } from '../../shared/mail-address';
import type { DirectoryReader } from '../directory/agent-directory';
import { assertPeopleDn, readSubject, type Subject } from '../directory/identity-check';
import { readTokenState } from '../second-factor/token-entry';
import type { AgentSession, SessionStore } from '../session/session-store';
import type { DeskAgent, VerificationSubject } from '../verification/verification-store';

/** The agent, the person, and the references the audit names them by. */
export interface DeskContext {
  agent: AgentSession;
  deskAgent: DeskAgent;
  subject: Subject;
  verificationSubject: VerificationSubject;
  agentRef: { login: string; displayName: string };
  targetRef: { login: string; dn: string };
}

/** Opens the desk context of one DN. */
export type OpenDesk = (dn: string) => Promise<DeskContext>;

/** Signed in online, DN in the people branch, the person read under the agent's bind. */
export function deskOpener(deps: {
  session: Pick<SessionStore, 'require'>;
  directory: DirectoryReader;
  config: GuichetConfig['directory'];
  /** How the code's destination is judged (the relay's SMTPUTF8). */
  mailbox: MailboxRules;
  /** Whether the desk manages second factors (secondFactor.enabled). */
  secondFactorEnabled: boolean;
}): OpenDesk {
  return async (dn) => {
    const agent = deps.session.require({ online: true });
    assertPeopleDn(dn, deps.config);
    const subject = await deps.directory.read(async (client) => {
      const read = await readSubject(client, dn, deps.config);
      // The second-factor actions' own rule (shared/desk-actions.ts) needs the person's token: read like the card reads it.
      const secondFactor = deps.secondFactorEnabled ? (await readTokenState(client, read.dn, deps.config.attributes)).status.kind : null;
      return { ...read, account: { ...read.account, secondFactor } };
    });
    assertRecordableTarget({ login: subject.login, dn: subject.dn });
    return {
      agent,
      deskAgent: { login: agent.login, role: agent.role, signedInAt: agent.signedInAt },
      subject,
      verificationSubject: {
        dn: subject.dn,
        primaryAffiliation: subject.primaryAffiliation,
        personalMailMasked: maskMailbox(subject.personalMail, deps.mailbox),
        secretQuestion: subject.secretQuestion,
        account: subject.account,
      },
      agentRef: { login: agent.login, displayName: agent.displayName },
      targetRef: { login: subject.login, dn: subject.dn },
    };
  };
}

/** The common part of a desk action's intent: who, on whom, with what evidence, and the agent's comment. */
export function deskIntentBase(
  ctx: DeskContext,
  methods: VerificationMethod[],
  comment: string | null,
): Pick<AuditIntentInput, 'agent' | 'target' | 'evidence' | 'comment'> {
  return { agent: ctx.agentRef, target: ctx.targetRef, evidence: methods, comment };
}

/** The person's addresses a notice goes to, as the directory holds them (the notifier checks each). */
export function noticeAddresses(ctx: Pick<DeskContext, 'subject'>) {
  return [
    { field: 'personal-mail', value: ctx.subject.personalMail },
    { field: 'mail', value: ctx.subject.mail },
  ] as const;
}
