/** A jump to page k of the open list: a page number typed, Enter or "Aller" (main reads that page alone, by its offset); a number out of range is said next to the field. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function WorklistJump({ page, pages, disabled, onJump }: { page: number; pages: number; disabled: boolean; onJump: (page: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState(false);
  if (pages <= 1) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = /^\s*\d{1,6}\s*$/.test(typed) ? Number(typed) : NaN;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > pages) {
      setProblem(true);
      return;
    }
    setProblem(false);
    setTyped('');
    if (wanted !== page) onJump(wanted);
  }

  return (
    <form className="worklist-jump" onSubmit={submit} noValidate data-testid="worklist-jump">
      <label htmlFor={`${id}-page`}>{t('worklists.list.jumpLabel', { pages })}</label>
      <input
        id={`${id}-page`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={6}
        value={typed}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          setProblem(false);
        }}
      />
      <button type="submit" className="secondary" disabled={disabled}>
        {t('worklists.list.jump')}
      </button>
      {problem && (
        <span className="error" id={`${id}-problem`} role="alert">
          {t('worklists.list.jumpProblem', { pages })}
        </span>
      )}
    </form>
  );
}
