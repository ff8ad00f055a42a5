/** The activation page: the wizard, whose first step is the verification band and methods. */
import { ActivationWizard } from '../features/activation/activation-wizard';
import { VerificationBanner } from '../features/verification/verification-banner';
import { VerificationPanel } from '../features/verification/verification-panel';

export function ActivationPage() {
  return (
    <ActivationWizard
      verification={
        <>
          <VerificationBanner />
          <VerificationPanel />
        </>
      }
    />
  );
}
