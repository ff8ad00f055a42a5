/** The SMS step: the person accepts or refuses the institution's text alerts, and gives a mobile when they accept (one modify with the other consents, consent-plan.ts). */
import { checkMobile, phoneRegionsOf, storedConsents } from '../../consents/consent-plan';
import { required, type StepKindModule } from './step-kit';

export const smsStep: StepKindModule = {
  kind: 'sms',
  fields: ['smsAlerts', 'mobile'],
  prepare({ request, entry, config }) {
    const choice = { smsAlerts: required(request, 'smsAlerts'), ...(request.mobile !== undefined ? { mobile: request.mobile } : {}) };
    // Checked here, on its screen's turn: a bad number sends the wizard back before a later screen is looked at.
    checkMobile(choice, storedConsents(entry, config.directory).mobile, phoneRegionsOf(config.directory));
    return { consents: choice };
  },
};
