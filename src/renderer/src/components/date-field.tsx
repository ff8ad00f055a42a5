/**
 * Shared UI: a date typed and shown as jj/mm/aaaa whatever the browser's locale (a native
 * date input follows the system's, e.g. mm/dd/yyyy). Digits only are enough ("15032004"),
 * the slashes come by themselves, "." "-" and spaces count as slashes, an ISO date pasted is
 * read; ↑ ↓ move the part under the caret by one. The value given out is the ISO date
 * (YYYY-MM-DD), '' while the text is empty or not a real date. A wrong date is said next to
 * the field, naming it, once the field is left.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayMonthYear, parseDayMonthYear, tidyDateText } from '../../../shared/day-month-year';

/** ↑ ↓ on the part under the caret (day, month or year), within a real date. */
function stepped(text: string, caret: number, delta: number): string | null {
  const iso = parseDayMonthYear(text);
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (caret <= 2) date.setUTCDate(date.getUTCDate() + delta);
  else if (caret <= 5) date.setUTCMonth(date.getUTCMonth() + delta);
  else date.setUTCFullYear(date.getUTCFullYear() + delta);
  return formatDayMonthYear(date.toISOString().slice(0, 10));
}

export interface DateFieldProps {
  label: string;
  /** ISO date, or '' for none. */
  value: string;
  onChange: (iso: string) => void;
  /** A later date is refused (a date of birth). */
  notAfterToday?: boolean;
  autoFocus?: boolean;
  /** Say what is wrong now, even before the field is left (the form was submitted). */
  showProblem?: boolean;
  className?: string;
  testId?: string;
}

export function DateField({ label, value, onChange, notAfterToday, autoFocus, showProblem: forced, className, testId }: DateFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => formatDayMonthYear(value));
  const [left, setLeft] = useState(false);
  const parsed = parseDayMonthYear(text);
  const future = !!parsed && !!notAfterToday && parsed > new Date().toISOString().slice(0, 10);
  const iso = parsed && !future ? parsed : '';

  // The owner set another date (or cleared it): show that one (adjusted while rendering, as React advises).
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== iso) {
      setText(formatDayMonthYear(value));
      setLeft(false);
    }
  }

  function update(next: string) {
    setText(next);
    const p = parseDayMonthYear(next);
    const ok = p && !(notAfterToday && p > new Date().toISOString().slice(0, 10)) ? p : '';
    if (ok !== value) onChange(ok);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const next = stepped(text, event.currentTarget.selectionStart ?? 0, event.key === 'ArrowUp' ? 1 : -1);
    if (!next) return;
    event.preventDefault();
    const caret = event.currentTarget.selectionStart;
    update(next);
    const input = event.currentTarget;
    requestAnimationFrame(() => input.setSelectionRange(caret, caret));
  }

  const problem = text === '' ? (forced ? 'missing' : null) : future ? 'future' : !parsed ? 'format' : null;
  const showProblem = problem !== null && (left || !!forced);
  return (
    <span className={`date-field ${className ?? ''}`} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        onChange={(e) => update(tidyDateText(e.target.value, text))}
        onBlur={() => setLeft(true)}
        onKeyDown={onKeyDown}
        placeholder={t('dateField.placeholder')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        autoFocus={autoFocus}
        aria-invalid={showProblem}
        aria-describedby={showProblem ? `${id}-problem` : `${id}-hint`}
      />
      {showProblem ? (
        <span className="field-error" id={`${id}-problem`} role="alert">
          {t(`dateField.${problem}`, { label })}
        </span>
      ) : (
        <span className="sr-only" id={`${id}-hint`}>
          {t('dateField.hint')}
        </span>
      )}
    </span>
  );
}
