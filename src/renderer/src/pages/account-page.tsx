/** The account page: the card with the verification, the desk actions, the second factor, the activation offer, the consents and the lifecycle actions in its slots. */
import { AccountScreen } from '../features/account/account-screen';
import { ActivationOfferBanner } from '../features/activation/activation-offer';
import { ConsentsPanel } from '../features/consents/consents-panel';
import { DeskActions } from '../features/password/desk-actions';
import { LifecyclePanel } from '../features/lifecycle/lifecycle-panel';
import { SecondFactorPanel } from '../features/second-factor/second-factor-panel';
import { VerificationBanner } from '../features/verification/verification-banner';
import { VerificationPanel } from '../features/verification/verification-panel';

export function AccountPage() {
  return (
    <AccountScreen
      banners={
        <>
          <VerificationBanner />
          <ActivationOfferBanner />
        </>
      }
      desk={
        <>
          <VerificationPanel />
          <DeskActions />
          <SecondFactorPanel />
        </>
      }
      consents={
        <>
          <ConsentsPanel />
          <LifecyclePanel />
        </>
      }
    />
  );
}
