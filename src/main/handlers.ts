/**
 * Every IPC channel's handler, merged from each domain's `*-handlers.ts`. The compiler checks
 * that each channel of the table has exactly one: a channel added to channels.ts and the
 * contract without a handler, or answered by two domains, fails `npm run typecheck`.
 */
import type { ChannelName } from '../shared/channels';
import type { ActivationService } from './activation/activation-service';
import { activationHandlers } from './activation/activation-handlers';
import type { AppService } from './app/app-service';
import { appHandlers } from './app/app-handlers';
import type { AuditReview } from './audit/audit-service';
import { auditHandlers } from './audit/audit-handlers';
import type { CentralReview } from './central-audit/central-review-service';
import { centralReviewHandlers } from './central-audit/central-review-handlers';
import type { ConsentsService } from './consents/consents-service';
import { consentsHandlers } from './consents/consents-handlers';
import type { DirectoryService } from './directory/directory-service';
import { directoryHandlers } from './directory/directory-handlers';
import type { PasswordService } from './password/password-service';
import { passwordHandlers } from './password/password-handlers';
import type { LifecycleService } from './lifecycle/lifecycle-service';
import { lifecycleHandlers } from './lifecycle/lifecycle-handlers';
import type { SelfChangeService } from './password/self-change-service';
import type { WorklistsService } from './worklists/worklists-service';
import { worklistsHandlers } from './worklists/worklists-handlers';
import type { Handler } from './router';
import type { SecondFactorService } from './second-factor/second-factor-service';
import { secondFactorHandlers } from './second-factor/second-factor-handlers';
import type { SessionService } from './session/session-service';
import { sessionHandlers } from './session/session-handlers';
import type { VerificationService } from './verification/verification-service';
import { verificationHandlers } from './verification/verification-handlers';

/** One handler per channel of the table, none missing. */
export type ChannelHandlers = { [C in ChannelName]: Handler<C> };

/** Each domain's service, as its handlers take it. */
export interface DomainServices {
  app: AppService;
  audit: AuditReview;
  centralReview: CentralReview;
  session: SessionService;
  directory: DirectoryService;
  verification: VerificationService;
  password: PasswordService;
  selfChange: SelfChangeService;
  consents: ConsentsService;
  activation: ActivationService;
  lifecycle: LifecycleService;
  secondFactor: SecondFactorService;
  worklists: WorklistsService;
}

const domainHandlers = (d: DomainServices) =>
  [
    appHandlers(d.app),
    auditHandlers(d.audit),
    centralReviewHandlers(d.centralReview),
    sessionHandlers(d.session),
    directoryHandlers(d.directory),
    verificationHandlers(d.verification),
    passwordHandlers(d.password, d.selfChange),
    consentsHandlers(d.consents),
    activationHandlers(d.activation),
    lifecycleHandlers(d.lifecycle),
    secondFactorHandlers(d.secondFactor),
    worklistsHandlers(d.worklists),
  ] as const;

type Parts = ReturnType<typeof domainHandlers>;
/** Channels that two domains both answer (must be none). */
type AnsweredTwice<P extends readonly object[]> = { [I in keyof P]: { [J in keyof P]: J extends I ? never : keyof P[I] & keyof P[J] }[number] }[number];
/** Keys of the parts that are no channel of the table (must be none). */
type NotAChannel<P extends readonly object[]> = Exclude<{ [I in keyof P]: keyof P[I] }[number], ChannelName>;
// On a mistake these fail to compile with the channel's name as the expected type.
const answeredTwice: [AnsweredTwice<Parts>] extends [never] ? 'none' : AnsweredTwice<Parts> = 'none';
const notAChannel: [NotAChannel<Parts>] extends [never] ? 'none' : NotAChannel<Parts> = 'none';
void [answeredTwice, notAChannel];

export function channelHandlers(domains: DomainServices): ChannelHandlers {
  const [app, audit, centralReview, session, directory, verification, password, consents, activation, lifecycle, secondFactor, worklists] = domainHandlers(domains);
  return { ...app, ...audit, ...centralReview, ...session, ...directory, ...verification, ...password, ...consents, ...activation, ...lifecycle, ...secondFactor, ...worklists } satisfies ChannelHandlers;
}
