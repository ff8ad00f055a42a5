/** Shared UI: an input with its problem said right after it (invalid and described by the problem while there is one, by `describedBy` otherwise). */
import type { InputHTMLAttributes, Ref } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  id: string;
  /** What is wrong with the value, or null. */
  problem: string | null;
  describedBy?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  /** How the problem is drawn: a line under a field ('field-error'), or a box ('error small'). */
  problemClassName?: string;
  problemTestId?: string;
};

export function ProblemInput({ id, problem, describedBy, inputRef, problemClassName = 'field-error', problemTestId, ...input }: Props) {
  return (
    <>
      <input {...input} ref={inputRef} id={id} aria-invalid={problem !== null} aria-describedby={problem !== null ? `${id}-problem` : describedBy} />
      {problem !== null && (
        <span className={problemClassName} id={`${id}-problem`} role="alert" data-testid={problemTestId}>
          {problem}
        </span>
      )}
    </>
  );
}
