/** Shared UI: the privacy screen as a modal dialog (the page behind it inert, focus kept inside, Escape cancels). */
import { useEffect, useRef, type ReactNode } from 'react';

export function PrivacyDialog({ labelledBy, testId, onCancel, children }: { labelledBy: string; testId: string; onCancel: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="privacy-dialog"
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(event) => {
        // The dialog is closed by whoever owns it, once what was typed is dropped.
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
