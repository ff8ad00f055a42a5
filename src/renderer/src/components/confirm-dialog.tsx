/** Shared UI: a confirmation before an action that cannot be undone. Modal (focus stays inside), Enter confirms, Escape cancels, focus goes back where it was. */
import { useEffect, useId, useRef, useState } from 'react';
import { ModalDialog } from './modal-dialog';

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
  const confirmButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  // Who had focus before the dialog took it: read while rendering, before it is shown modal.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    confirmButton.current?.focus();
    return () => {
      // Back where the agent was, unless the action moved them elsewhere on purpose.
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null)) opener.focus();
    };
  }, [opener]);

  return (
    <ModalDialog className="confirm-dialog" labelledBy={titleId} describedBy={bodyId} testId={props.testId} onCancel={props.onCancel}>
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
    </ModalDialog>
  );
}
