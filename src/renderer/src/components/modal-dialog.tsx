/** Shared UI: the frame of every modal dialog of the desk: shown modal on mount (the page behind it inert, focus kept inside), closed on unmount, Escape handed to its owner, which closes it by unmounting it. */
import { useEffect, useRef, type ReactNode } from 'react';

export function ModalDialog(props: { className: string; labelledBy: string; describedBy?: string; testId?: string | undefined; onCancel: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => {
      if (node?.open) node.close();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={props.className}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      data-testid={props.testId}
      onCancel={(event) => {
        // Escape: the owner drops what was typed first, then unmounts the dialog.
        event.preventDefault();
        props.onCancel();
      }}
    >
      {props.children}
    </dialog>
  );
}
