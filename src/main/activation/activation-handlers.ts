/**
 * activation:offer and activation:complete: the assisted activation of a never-activated
 * account, under the signed-in agent's own bind, after the identity check the
 * configuration sets for 'activation'.
 *
 * Everything is checked before the directory is touched (question, answer, mobile, the
 * password against the console's rules with the person's context), then applied in a fixed
 * order, password last, and the account becomes active only once all of it succeeded (see
 * activation-plan.ts). One audit story: the activation intent first, an intent/outcome per
 * change (activation-step: security-question-set, charter-accepted, password-set,
 * account-enabled; consent-change for the consents, so that they join the account's consent
 * proof), the activation outcome last: `unknown` only when the state write's own answer was
 * lost; before that write the account is certainly not active, so `failure` even when the
 * step that broke reads `unknown`. Every refusal carries `details.step`, the wizard step to
 * return to.
 */
import type { Entry } from 'ldapts';
import type { ActivationDone, ActivationOffer, ActivationStep } from '../../shared/contract/activation';
import type { AuditIntentInput, FieldChanges } from '../../shared/audit-events';
import type { ParsedRequestOf } from '../../shared/contract';
import { GuichetError } from '../../shared/result';
import { outcomeOfError, withAudit } from '../audit/with-audit';
import { first, values } from '../directory/account-entry';
import { maskMobile } from '../directory/account-masking';
import { NotApplied } from '../directory/password-operations';
import { hashSecretAnswer } from '../password/secret-answer-hash';
import type { Router } from '../router';
import type { Services } from '../services';
import { deskContext } from '../verification/verification-handlers';
import { holdsChoice } from '../consents/consents-handlers';
import type { ConsentChoice } from '../consents/consent-plan';
import { modifyEntry, readEntryAttributes } from '../consents/entry-write';
import { sendActivationMail } from './activation-mail';
import { checkChosen, setChosenPassword } from './activation-password';
import {
  ACTIVE_STATE,
  activationAttributes,
  checkAnswer,
  checkQuestion,
  localDay,
  offerOf,
  planActivationConsents,
  planActiveState,
  planSecretAndCharter,
  stepError,
  storedConsentsOf,
} from './activation-plan';
import { withAuditAll } from './audit-steps';

/**
 * After the step's own outcome is on record: a closed code with the step to go back to.
 * Before the state write, an uncertain step still leaves the account certainly not active:
 * the agent is told the directory was lost (try again), not that the outcome is unknown.
 */
function refusal(step: ActivationStep, error: unknown, stateSent: boolean): GuichetError {
  if (error instanceof NotApplied) return stepError(step, error.toGuichetError());
  if (!stateSent && error instanceof GuichetError && error.code === 'OUTCOME_UNKNOWN')
    return new GuichetError('DIRECTORY_UNAVAILABLE', 'the directory was lost during the activation: the account is not active', {
      step,
      activated: false,
      stepOutcome: 'unknown',
    });
  return stepError(step, error);
}

export function setupActivation(router: Router, services: Services): void {
  const { config, agentDirectory } = services;
  const directory = config.directory;
  const attrs = directory.attributes;
  const read = (dn: string): Promise<Entry> => readEntryAttributes(agentDirectory, dn, activationAttributes(directory));

  router.register('activation:offer', async ({ dn }): Promise<ActivationOffer> => {
    const ctx = await deskContext(services, dn);
    const entry = await read(ctx.subject.dn);
    return {
      ...offerOf(entry, directory),
      login: ctx.subject.login,
      presetQuestions: [...config.activation.presetQuestions],
      charter: { url: config.institution.charterUrl, version: config.institution.charterVersion },
      mobileMasked: maskMobile(first(entry, attrs.mobile)),
    };
  });

  router.register('activation:complete', async (request): Promise<ActivationDone> => {
    try {
      return await complete(request);
    } catch (error) {
      // Every refusal names the step to return to; the ones raised before any step (session, DN, reads) the first.
      if (error instanceof GuichetError && typeof error.details?.['step'] !== 'string') throw stepError('verification', error);
      throw error;
    }
  });

  async function complete(request: ParsedRequestOf<'activation:complete'>): Promise<ActivationDone> {
    const ctx = await deskContext(services, request.dn);
    let methods;
    try {
      ({ methods } = services.verification.require(ctx.verificationSubject, ctx.deskAgent, 'activation'));
    } catch (error) {
      throw stepError('verification', error);
    }
    const dn = ctx.subject.dn;
    const entry = await read(dn);
    const offer = offerOf(entry, directory);
    if (!offer.offered)
      throw new GuichetError('CONFLICT', 'this account is not waiting for activation', { step: 'verification', reason: offer.reason });

    // 0. Every check before the first write.
    const question = checkQuestion(request.secretQuestion);
    checkAnswer(request.secretAnswer, question, config.activation.minAnswerLength);
    const choice: ConsentChoice = {
      smsAlerts: request.smsAlerts,
      photoUse: request.photoUse,
      hiddenFromDirectory: request.hiddenFromDirectory,
      ...(request.mobile !== undefined ? { mobile: request.mobile } : {}),
    };
    const consents = planActivationConsents(storedConsentsOf(entry, directory), choice, directory);
    const chosen = await checkChosen(services, ctx.subject, request.password);
    const at = services.now();
    const charterVersion = config.institution.charterVersion;
    const secret = planSecretAndCharter(entry, { question, answerHash: hashSecretAnswer(request.secretAnswer), charterVersion, at }, config);

    const base = { agent: ctx.agentRef, target: ctx.targetRef, evidence: methods, comment: request.comment ?? null };
    const stepIntent = (step: 'security-question-set' | 'charter-accepted' | 'password-set' | 'account-enabled', changes?: FieldChanges): AuditIntentInput => ({
      ...base,
      action: 'activation-step',
      details: changes ? { step, changes } : { step },
    });
    let story;
    try {
      story = services.audit.beginIntent({ ...base, action: 'activation', details: { charterVersion } });
    } catch (error) {
      throw stepError('confirmation', error);
    }

    let step: ActivationStep = 'confirmation';
    let enabled: FieldChanges = {};
    // Until the state write is sent, the account certainly does not become active.
    let stateSent = false;
    try {
      // 1. Question + answer hash, consents, charter: one modify.
      await withAuditAll(
        services.audit,
        [
          stepIntent('security-question-set', secret.questionChanges),
          ...(consents.modifications.length > 0 ? [{ ...base, action: 'consent-change' as const, details: { changes: consents.changes } }] : []),
          stepIntent('charter-accepted', secret.charterChanges),
        ],
        () =>
          modifyEntry(agentDirectory, dn, [...secret.modifications, ...consents.modifications], async () => {
            const now = await read(dn);
            return first(now, attrs.secretQuestion) === question && holdsChoice(now, directory, choice, consents.mobileAfter);
          }),
      );
      // 2. The password, as the person's own change (the directory's history and quality rules apply).
      step = 'password';
      await withAudit(services.audit, stepIntent('password-set'), () => setChosenPassword(services, dn, chosen, ctx.subject));
      // 3. Only now: the account is active.
      step = 'confirmation';
      const state = planActiveState(await read(dn), localDay(at, config.mail.timeZone), directory);
      enabled = state.changes;
      await withAudit(services.audit, stepIntent('account-enabled', state.changes), () => {
        stateSent = true;
        return modifyEntry(agentDirectory, dn, state.modifications, async () =>
          values(await read(dn), attrs.accountState).some((v) => v.toLowerCase() === ACTIVE_STATE.toLowerCase()),
        );
      });
    } catch (error) {
      const { outcome, directoryCode } = outcomeOfError(error);
      try {
        // The step that failed may read `unknown`; the activation itself is known not to have happened.
        services.audit.settle(story, outcome === 'unknown' && !stateSent ? 'failure' : outcome, { directoryCode });
      } catch {
        // Deferred by the store.
      }
      throw refusal(step, error, stateSent);
    }
    try {
      services.audit.settle(story, 'success', {
        details: { charterVersion, changes: { ...secret.questionChanges, ...consents.changes, ...secret.charterChanges, ...enabled } },
      });
    } catch {
      // Deferred by the store: the activation itself is done.
    }

    // 4. The confirmation mail: a failure undoes nothing.
    const uniqueId = first(entry, attrs.uniqueId) ?? first(entry, attrs.refId);
    const notification = await sendActivationMail(services, {
      to: ctx.subject.personalMail,
      login: ctx.subject.login,
      uniqueId,
      institutionalMail: ctx.subject.mail,
      at,
      agent: ctx.agentRef,
      target: ctx.targetRef,
    });
    return { login: ctx.subject.login, uniqueId, mail: ctx.subject.mail, at: at.toISOString(), notification };
  }
}
