/** Shared UI: the privacy screen as a modal dialog (the page behind it inert, focus kept inside, Escape cancels). */
import type { ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

export function PrivacyDialog({ labelledBy, testId, onCancel, children }: { labelledBy: string; testId: string; onCancel: () => void; children: ReactNode }) {
  return (
    <ModalDialog className="privacy-dialog" labelledBy={labelledBy} testId={testId} onCancel={onCancel}>
      {children}
    </ModalDialog>
  );
}
