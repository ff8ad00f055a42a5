/**
 * The assisted activation of a never-activated account (the offer, the personal address
 * confirmed by a code when the institution's activation has one, then the whole
 * completion), under the signed-in agent's own bind, after the identity check the
 * configuration sets for 'activation'.
 *
 * Everything is checked before the directory is touched (each of the institution's step
 * kinds: steps/), then applied in a fixed order whatever its screens, the password late, and
 * the account becomes active only once all of it succeeded (see activation-plan.ts). One
 * audit story: the activation intent first, an intent/outcome per
 * change (activation-step: security-question-set, personal-mail-set, charter-accepted, password-set,
 * account-enabled; consent-change for the consents, so that they join the account's consent
 * proof), the activation outcome last: `unknown` only when the state write's own answer was
 * lost; before that write the account is certainly not active, so `failure` even when the
 * step that broke reads `unknown`. Every refusal carries `details.step`, the wizard step to
 * return to.
 */
import type { Entry } from 'ldapts';
import type { ActivationDone, ActivationOffer, ActivationStep, MailCodeCheck, MailCodeSent } from '../../shared/contract/activation';
import type { AuditIntentInput, FieldChanges } from '../../shared/audit-events';
import type { ParsedRequestOf } from '../../shared/contract';
import { GuichetError } from '../../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import { outcomeOfError } from '../audit/with-audit';
import type { GuichetConfig } from '../config/schema';
import { deskIntentBase, type OpenDesk } from '../desk/desk-context';
import { checkedNote, deskNoteRules } from '../desk/desk-note-guard';
import { DESK_NOTE_ACTIONS } from '../../shared/desk-note';
import { first } from '../directory/account-entry';
import { maskMobile } from '../directory/account-masking';
import type { DirectoryDoor } from '../directory/agent-directory';
import { readEntry } from '../directory/entry-read';
import { modifyEntry } from '../directory/entry-write';
import { NotApplied } from '../directory/write-outcome';
import type { Logger } from '../logger';
import type { Notifier } from '../mail/notifications';
import type { VerificationStore } from '../verification/verification-store';
import { setChosenPassword } from './activation-password';
import { activationAttributes, offerOf, stepError } from './activation-plan';
import { prepareActivation } from './activation-writes';
import type { MailConfirmations } from './mail-confirmation';
import { isActive, localDay, planActiveState } from './steps/confirmation';
import type { StepRecord } from './steps/step-kit';
import { screenOf } from '../../shared/institution';

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

export interface ActivationDeps {
  openDesk: OpenDesk;
  verification: Pick<VerificationStore, 'require'>;
  directory: DirectoryDoor;
  trail: Pick<AuditTrail, 'withAudit' | 'withAuditAll' | 'beginIntent' | 'settle' | 'record'>;
  config: Pick<GuichetConfig, 'directory' | 'activation' | 'institution' | 'mail' | 'passwordPolicy' | 'audit'>;
  notifier: Pick<Notifier, 'sendActivation'>;
  /** The personal addresses confirmed by a code, for an activation with a personal-mail step. */
  mailConfirmations: MailConfirmations;
  logger: Logger;
  now: () => Date;
}

type ActivationRequest = ParsedRequestOf<'activation:complete'>;

export class ActivationService {
  constructor(private readonly deps: ActivationDeps) {}

  async offer(dn: string): Promise<ActivationOffer> {
    const { config } = this.deps;
    const ctx = await this.deps.openDesk(dn);
    const entry = await this.read(ctx.subject.dn);
    return {
      ...offerOf(entry, config.directory),
      login: ctx.subject.login,
      presetQuestions: [...config.activation.presetQuestions],
      minAnswerLength: config.activation.minAnswerLength,
      charter: { url: config.institution.charterUrl, version: config.institution.charterVersion },
      mobileMasked: maskMobile(first(entry, config.directory.attributes.mobile)),
    };
  }

  /** A code to the address the person gives (the personal-mail step). */
  sendMailCode(dn: string, personalMail: string): Promise<MailCodeSent> {
    return this.deps.mailConfirmations.send(dn, personalMail);
  }

  checkMailCode(dn: string, personalMail: string, code: string): Promise<MailCodeCheck> {
    return this.deps.mailConfirmations.check(dn, personalMail, code);
  }

  /** The agent gives up: a pending address confirmation is dropped, and its activation recorded as not made. */
  abandon(dn: string): Promise<{ recorded: boolean }> {
    return this.deps.mailConfirmations.abandon(dn);
  }

  /** Every refusal names the step to return to; the ones raised before any step (session, DN, reads) the first. */
  async complete(request: ActivationRequest): Promise<ActivationDone> {
    try {
      return await this.completeSteps(request);
    } catch (error) {
      if (error instanceof GuichetError && typeof error.details?.['step'] !== 'string') throw stepError('verification', error);
      throw error;
    }
  }

  private read(dn: string): Promise<Entry> {
    return this.deps.directory.read((client) => readEntry(client, dn, activationAttributes(this.deps.config.directory)));
  }

  private async completeSteps(request: ActivationRequest): Promise<ActivationDone> {
    const { config, directory: door, trail } = this.deps;
    const directory = config.directory;
    const attrs = directory.attributes;
    const ctx = await this.deps.openDesk(request.dn);
    let methods;
    try {
      ({ methods } = this.deps.verification.require(ctx.verificationSubject, ctx.deskAgent, 'activation'));
    } catch (error) {
      throw stepError('verification', error);
    }
    const dn = ctx.subject.dn;
    const entry = await this.read(dn);
    const offer = offerOf(entry, directory);
    if (!offer.offered)
      throw new GuichetError('CONFLICT', 'this account is not waiting for activation', { step: 'verification', reason: offer.reason });

    // 0. Every check before the first write: the agent's note, then each step's, in the order of the institution's screens.
    let note;
    try {
      note = checkedNote(deskNoteRules(config.audit), DESK_NOTE_ACTIONS.activation, request);
    } catch (error) {
      throw stepError('confirmation', error);
    }
    const at = this.deps.now();
    const prepared = await prepareActivation(
      { request, entry, desk: ctx, config, at, directory: door, addressConfirmed: (address) => this.deps.mailConfirmations.isConfirmed(ctx, address) },
      config.activation.steps,
    );
    const charter = config.activation.steps.some((s) => s.kinds.includes('charter'));
    const charterVersion = charter ? config.institution.charterVersion : undefined;

    const base = deskIntentBase(ctx, methods, note.comment);
    const stepIntent = (step: StepRecord | 'password-set' | 'account-enabled', changes?: FieldChanges): AuditIntentInput => ({
      ...base,
      action: 'activation-step',
      details: changes ? { step, changes, ...note.ticket } : { step, ...note.ticket },
    });
    let story;
    try {
      story = trail.beginIntent({ ...base, action: 'activation', details: { ...(charterVersion ? { charterVersion } : {}), ...note.ticket } });
    } catch (error) {
      throw stepError('confirmation', error);
    }

    let step: ActivationStep = 'confirmation';
    let enabled: FieldChanges = {};
    // Until the state write is sent, the account certainly does not become active.
    let stateSent = false;
    try {
      // 1. Every value on the entry (question + answer hash, consents, personal address, charter): one modify.
      if (prepared.modifications.length > 0)
        await trail.withAuditAll(
          prepared.records.map((r) =>
            r.action === 'consent-change' ? { ...base, action: 'consent-change' as const, details: { changes: r.changes, ...note.ticket } } : stepIntent(r.step, r.changes),
          ),
          () => modifyEntry(door, dn, prepared.modifications, async () => prepared.holds(await this.read(dn))),
        );
      // 2. The password, as the person's own change (the directory's history and quality rules apply).
      step = screenOf(config.activation.steps, 'password');
      await trail.withAudit(stepIntent('password-set'), () => setChosenPassword(this.deps, dn, prepared.password, ctx.subject));
      // 3. Only now: the account is active.
      step = 'confirmation';
      const state = planActiveState(await this.read(dn), localDay(at, config.mail.timeZone), directory);
      enabled = state.changes;
      await trail.withAudit(stepIntent('account-enabled', state.changes), () => {
        stateSent = true;
        return modifyEntry(door, dn, state.modifications, async () => isActive(await this.read(dn), directory));
      });
    } catch (error) {
      const { outcome, directoryCode } = outcomeOfError(error);
      // The step that failed may read `unknown`; the activation itself is known not to have happened.
      trail.settle(story, outcome === 'unknown' && !stateSent ? 'failure' : outcome, { directoryCode });
      throw refusal(step, error, stateSent);
    }
    // Deferred by the store if it cannot be written now: the activation itself is done.
    trail.settle(story, 'success', { details: { ...(charterVersion ? { charterVersion } : {}), changes: { ...prepared.changes, ...enabled }, ...note.ticket } });
    this.deps.mailConfirmations.done(ctx);

    // 4. The confirmation mail (to the address just confirmed, when the activation wrote one): a failure undoes nothing.
    const uniqueId = first(entry, attrs.uniqueId) ?? first(entry, attrs.refId);
    const notification = await this.deps.notifier.sendActivation({
      to: prepared.personalMail ?? ctx.subject.personalMail,
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
