/**
 * Audit review: a login filter that suggests the trail's logins as it is typed (the ARIA 1.2
 * combobox pattern: ↑ ↓ move, Enter picks, Escape closes). What is typed without picking is a
 * prefix; a picked login is exact.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { DirText } from '../../components/dir-text';
import type { SuggestField } from './audit-slice';

const SUGGEST_AFTER_MS = 120;

export function LoginCombobox({ field, label }: { field: SuggestField; label: string }) {
  const { t } = useTranslation();
  const form = useStore((s) => s.auditForm);
  const setForm = useStore((s) => s.setAuditForm);
  const suggestions = useStore((s) => s.auditSuggestions);
  const suggest = useStore((s) => s.suggestAuditLogins);
  const clear = useStore((s) => s.clearAuditSuggestions);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const timer = useRef(0);
  const id = useId();
  const value = form[field];
  const picked = field === 'agent' ? form.agentPicked : form.targetPicked;
  const items = suggestions.field === field ? suggestions.items : [];
  const shown = open && items.length > 0;

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function type(next: string) {
    setForm(field === 'agent' ? { agent: next, agentPicked: false } : { target: next, targetPicked: false });
    setActive(-1);
    setOpen(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void suggest(field, next), SUGGEST_AFTER_MS);
  }

  function pick(index: number) {
    const item = items[index];
    if (!item) return;
    setForm(field === 'agent' ? { agent: item.login, agentPicked: true } : { target: item.login, targetPicked: true });
    setOpen(false);
    setActive(-1);
    clear();
  }

  function keyDown(k: KeyboardEvent<HTMLInputElement>) {
    if (k.key === 'ArrowDown' || k.key === 'ArrowUp') {
      if (items.length === 0) return;
      k.preventDefault();
      setOpen(true);
      const step = k.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + items.length) % items.length);
    } else if (k.key === 'Enter' && shown && active >= 0) {
      // Picks the suggestion; Enter without one submits the filter form.
      k.preventDefault();
      pick(active);
    } else if (k.key === 'Escape') {
      // Closes the list, and keeps it closed when suggestions still on their way arrive.
      if (shown) {
        k.preventDefault();
        k.stopPropagation();
      }
      setOpen(false);
      setActive(-1);
    }
  }

  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="combo">
      <label htmlFor={`${id}-input`}>
        <span>{label}</span>
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => type(e.target.value)}
        onKeyDown={keyDown}
        onBlur={() => setOpen(false)}
        maxLength={128}
        spellCheck={false}
        autoComplete="off"
        data-testid={`audit-${field}-filter`}
      />
      <span id={`${id}-hint`} className="combo-hint">
        {picked ? `✓ ${t('journal.suggest.picked')}` : value.trim() ? t('journal.suggest.prefix', { typed: value.trim() }) : t(`journal.suggest.${field}Hint`)}
      </span>
      <ul id={`${id}-list`} role="listbox" aria-label={label} className="combo-list" hidden={!shown}>
        {shown &&
          items.map((item, i) => (
            <li
              key={item.login}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i)}
            >
              <DirText value={item.login} className="mono" />
              {item.displayName ? (
                <span className="muted">
                  {' — '}
                  <DirText value={item.displayName} />
                </span>
              ) : null}
            </li>
          ))}
      </ul>
      <span className="sr-only" aria-live="polite">
        {open && value.trim() && suggestions.field === field ? (items.length ? t('journal.suggest.count', { count: items.length }) : t('journal.suggest.none')) : ''}
      </span>
    </div>
  );
}
