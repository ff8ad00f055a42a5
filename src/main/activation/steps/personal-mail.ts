/**
 * The personal-mail step (UPVD): the person gives a personal address, a code is mailed to
 * it and read on their own phone (mail-confirmation.ts); only an address confirmed so, in
 * the verification running now, is written. The address the person types goes through the
 * one recipient validator (shared/mail-address.ts), with the relay's rules, and must be
 * ASCII: SUPANN's supannMailPerso is an IA5 string.
 */
import { maskEmail } from '../../../shared/audit-events';
import { parseMailbox, type Mailbox } from '../../../shared/mail-address';
import { first } from '../../directory/account-entry';
import { mailboxRules } from '../../mail/mail-config';
import type { ActivationConfig } from './step-kit';
import { fieldProblem, required, type StepKindModule } from './step-kit';

/** The typed address as a mailbox the desk may send to and write; INVALID_REQUEST {field: 'personalMail', reason} otherwise. */
export function personalAddressOf(typed: string, config: Pick<ActivationConfig, 'mail'>): Mailbox {
  const verdict = parseMailbox(typed.trim(), mailboxRules(config.mail));
  if (!verdict.ok) throw fieldProblem('personalMail', verdict.problem);
  if (verdict.mailbox.needsSmtpUtf8) throw fieldProblem('personalMail', 'international');
  return verdict.mailbox;
}

const sameAddress = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.toLowerCase();

export const personalMailStep: StepKindModule = {
  kind: 'personal-mail',
  fields: ['personalMail'],
  prepare({ request, entry, config, addressConfirmed }) {
    const mailbox = personalAddressOf(required(request, 'personalMail'), config);
    if (!addressConfirmed(mailbox.address)) throw fieldProblem('personalMail', 'unconfirmed');
    const attribute = config.directory.attributes.personalMail;
    const before = first(entry, attribute);
    return {
      personalMail: mailbox.address,
      entry: {
        modifications: [{ operation: 'replace', type: attribute, values: [mailbox.address] }],
        record: 'personal-mail-set',
        changes: { personalMail: { before: before ? maskEmail(before) : null, after: maskEmail(mailbox.address) } },
        holds: (now) => sameAddress(first(now, attribute), mailbox.address),
        needsAuxiliaryClass: false,
      },
    };
  },
};
