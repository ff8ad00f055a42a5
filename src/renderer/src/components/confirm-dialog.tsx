/** Shared UI: a confirmation before an action that cannot be undone. Modal (focus stays inside), Enter confirms, Escape cancels, focus goes back where it was. */
import { useEffect, useId, useRef } from 'react';

export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  testId?: string;
  /** A destructive action is drawn as such. */
  tone?: 'primary' | 'danger';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    confirmButton.current?.focus();
    return () => {
      if (node?.open) node.close();
      // Back where the agent was, unless the action moved them elsewhere on purpose.
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null)) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={props.testId}
      onCancel={(event) => {
        // Escape: the dialog is closed by its owner, which unmounts it.
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        <p id={bodyId}>{props.body}</p>
        <div className="row">
          <button ref={confirmButton} type="submit" className={props.tone === 'danger' ? 'danger' : 'primary'}>
            {props.confirm}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            {props.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
