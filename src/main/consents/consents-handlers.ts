/**
 * consents:get and consents:update, under the signed-in agent's own bind.
 *
 * An update needs the identity check the configuration sets for 'consent-change', checks
 * the mobile (E.164, required for SMS alerts) before anything is written, and applies the
 * choice in ONE modify with only what changes. The trail holds the intent before the
 * directory is touched, and the outcome after, with before/after (mobile masked): it is
 * the proof shown back in the consent history.
 */
import type { Entry } from 'ldapts';
import type { ConsentsView } from '../../shared/contract/consents';
import { GuichetError } from '../../shared/result';
import type { AuditEventView } from '../../shared/audit-events';
import type { Viewer } from '../audit/audit-filter';
import { withAudit } from '../audit/with-audit';
import { first, values } from '../directory/account-entry';
import { maskMobile } from '../directory/account-masking';
import { NotApplied } from '../directory/password-operations';
import type { Router } from '../router';
import type { Services } from '../services';
import { deskContext } from '../verification/verification-handlers';
import { consentHistory } from './consent-history';
import { consentFlags, planConsents, type ConsentChoice, type StoredConsents } from './consent-plan';
import { modifyEntry, readEntryAttributes } from './entry-write';

type DirectoryConfig = Services['config']['directory'];

export const consentAttributes = (directory: DirectoryConfig): string[] => {
  const attrs = directory.attributes;
  return [attrs.login, attrs.consent, attrs.mobile, attrs.hiddenFromDirectory];
};

export function storedConsents(entry: Entry, directory: DirectoryConfig): StoredConsents {
  const attrs = directory.attributes;
  return {
    consentValues: values(entry, attrs.consent),
    mobile: first(entry, attrs.mobile),
    hiddenRaw: first(entry, attrs.hiddenFromDirectory),
  };
}

/** Every consent-change of the account that this desk recorded, newest first (one page of the largest size). */
function consentEvents(services: Services, login: string): AuditEventView[] {
  try {
    // The proof is the account's, not a review of colleagues: read it all, names are filtered in consentHistory.
    return services.audit.query({ target: login, action: 'consent-change', outcome: 'success' }, { login: '(consents)', role: 'supervisor' }, { limit: 200 }).events;
  } catch {
    services.logger.log({ level: 'warn', event: 'audit-history', code: 'AUDIT_UNAVAILABLE', note: 'consents' });
    return [];
  }
}

export function consentsView(services: Services, entry: Entry, viewer: Viewer): ConsentsView {
  const directory = services.config.directory;
  const stored = storedConsents(entry, directory);
  const login = first(entry, directory.attributes.login) ?? '';
  return {
    ...consentFlags(stored, directory),
    mobileMasked: maskMobile(stored.mobile),
    ...consentHistory(consentEvents(services, login), directory, viewer),
  };
}

/** Does the entry now hold exactly the choice? (to settle a modify whose answer never came) */
export function holdsChoice(entry: Entry, directory: DirectoryConfig, choice: ConsentChoice, mobileAfter: string | null): boolean {
  const stored = storedConsents(entry, directory);
  const flags = consentFlags(stored, directory);
  return (
    flags.smsAlerts === choice.smsAlerts &&
    flags.photoUse === choice.photoUse &&
    flags.hiddenFromDirectory === choice.hiddenFromDirectory &&
    (mobileAfter === null || stored.mobile === mobileAfter)
  );
}

export function setupConsents(router: Router, services: Services): void {
  const directory = services.config.directory;
  const { agentDirectory } = services;
  const read = (dn: string) => readEntryAttributes(agentDirectory, dn, consentAttributes(directory));

  router.register('consents:get', async ({ dn }) => {
    const ctx = await deskContext(services, dn);
    return consentsView(services, await read(ctx.subject.dn), { login: ctx.agent.login, role: ctx.agent.role });
  });

  router.register('consents:update', async (request) => {
    const ctx = await deskContext(services, request.dn);
    const { methods } = services.verification.require(ctx.verificationSubject, ctx.deskAgent, 'consent-change');
    const dn = ctx.subject.dn;
    const choice: ConsentChoice = {
      smsAlerts: request.smsAlerts,
      photoUse: request.photoUse,
      hiddenFromDirectory: request.hiddenFromDirectory,
      ...(request.mobile !== undefined ? { mobile: request.mobile } : {}),
    };
    // Validation (mobile required / invalid) throws here, before the trail or the directory.
    const plan = planConsents(storedConsents(await read(dn), directory), choice, directory);
    if (plan.modifications.length > 0) {
      const applied = async () => holdsChoice(await read(dn), directory, choice, plan.mobileAfter);
      try {
        await withAudit(
          services.audit,
          {
            action: 'consent-change',
            agent: ctx.agentRef,
            target: ctx.targetRef,
            evidence: methods,
            details: { changes: plan.changes },
            comment: request.comment ?? null,
          },
          () => modifyEntry(agentDirectory, dn, plan.modifications, applied),
          { lateCheck: { recheck: applied, settler: services.lateSettler } },
        );
      } catch (error) {
        if (error instanceof NotApplied) throw error.toGuichetError();
        throw error instanceof GuichetError ? error : new GuichetError('INTERNAL', 'unexpected error');
      }
    }
    return consentsView(services, await read(dn), { login: ctx.agent.login, role: ctx.agent.role });
  });
}
