/**
 * The consents of the person at the desk, read and changed under the signed-in agent's own
 * bind. A change needs the identity check the configuration sets for 'consent-change',
 * checks the mobile (E.164, required for SMS alerts) before anything is written, and applies
 * the choice in ONE modify with only what changes. The trail holds the intent before the
 * directory is touched, and the outcome after, with before/after (mobile masked): it is the
 * proof shown back in the consent history.
 */
import type { Entry } from 'ldapts';
import type { ConsentsView } from '../../shared/contract/consents';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import type { Viewer } from '../audit/audit-filter';
import type { GuichetConfig } from '../config/schema';
import type { OpenDesk } from '../desk/desk-context';
import { first } from '../directory/account-entry';
import { maskMobile } from '../directory/account-masking';
import type { DirectoryDoor } from '../directory/agent-directory';
import { readEntry } from '../directory/entry-read';
import { modifyEntry } from '../directory/entry-write';
import { NotApplied } from '../directory/write-outcome';
import { openDeskAction } from '../desk/desk-opening';
import { DESK_NOTE_ACTIONS, type DeskNote, type DeskNoteRules } from '../../shared/desk-note';
import type { VerificationStore } from '../verification/verification-store';
import { consentHistory } from './consent-history';
import { consentAttributes, consentChoiceOf, consentFlags, holdsChoice, planConsents, storedConsents, type ConsentChoice } from './consent-plan';

type DirectoryConfig = GuichetConfig['directory'];

export interface ConsentsDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'require'>;
  directory: DirectoryDoor;
  trail: Pick<AuditTrail, 'withAudit' | 'consentProof'>;
  config: DirectoryConfig;
  /** What the configuration asks of the agent's note (audit.requireComment, requireTicket). */
  noteRules: DeskNoteRules;
}

/** What the consents panel shows of an entry: the flags, the masked mobile, the proof. */
export function consentsView(entry: Entry, directory: DirectoryConfig, trail: Pick<AuditTrail, 'consentProof'>, viewer: Viewer): ConsentsView {
  const stored = storedConsents(entry, directory);
  const login = first(entry, directory.attributes.login) ?? '';
  return {
    ...consentFlags(stored, directory),
    mobileMasked: maskMobile(stored.mobile),
    ...consentHistory(trail.consentProof(login), directory, viewer),
  };
}

export class ConsentsService {
  constructor(private readonly deps: ConsentsDeps) {}

  async get(dn: string): Promise<ConsentsView> {
    const ctx = await this.deps.openDesk(dn);
    return this.view(await this.read(ctx.subject.dn), ctx.agent);
  }

  async update(request: ConsentChoice & { dn: string } & DeskNote): Promise<ConsentsView> {
    const { verification, directory: door, trail, config } = this.deps;
    const { ctx, methods, note } = await openDeskAction(this.deps, request, DESK_NOTE_ACTIONS['consent-change'], { by: verification, action: 'consent-change' });
    const dn = ctx.subject.dn;
    const choice = consentChoiceOf(request);
    // Validation (mobile required / invalid) throws here, before the trail or the directory.
    const plan = planConsents(storedConsents(await this.read(dn), config), choice, config);
    if (plan.modifications.length > 0) {
      const applied = async () => holdsChoice(await this.read(dn), config, choice, plan.mobileAfter);
      try {
        await trail.withAudit(
          {
            action: 'consent-change',
            agent: ctx.agentRef,
            target: ctx.targetRef,
            evidence: methods,
            details: { changes: plan.changes, ...note.ticket },
            comment: note.comment,
          },
          () => modifyEntry(door, dn, plan.modifications, applied),
          { lateCheck: { recheck: applied } },
        );
      } catch (error) {
        if (error instanceof NotApplied) throw error.toGuichetError();
        throw error instanceof GuichetError ? error : new GuichetError('INTERNAL', 'unexpected error');
      }
    }
    return this.view(await this.read(dn), ctx.agent);
  }

  private read(dn: string): Promise<Entry> {
    return this.deps.directory.read((client) => readEntry(client, dn, consentAttributes(this.deps.config)));
  }

  private view(entry: Entry, agent: Viewer): ConsentsView {
    return consentsView(entry, this.deps.config, this.deps.trail, { login: agent.login, role: agent.role });
  }
}
