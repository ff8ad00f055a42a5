/** The lookup screen: one search box and its key, the results of what is typed, chosen with the arrow keys and Enter. */
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { SEARCH_KEYS, type SearchKey } from '../../../../shared/account';
import { cleanQuery, searchKeyChoices } from '../../../../shared/search-query';
import { AccountBadges } from '../../components/account-badges';
import { DirText, DirTextList } from '../../components/dir-text';

/** Alt+1 … Alt+9 choose the n-th key offered; read from the key's place, so AZERTY (where digits need Shift) works the same. */
function choiceIndex(event: KeyboardEvent): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  return match ? Number(match[1]) - 1 : null;
}

export function LookupScreen() {
  const { t } = useTranslation();
  const query = useStore((s) => s.query);
  const searchKey = useStore((s) => s.searchKey);
  const setQuery = useStore((s) => s.setQuery);
  const setSearchKey = useStore((s) => s.setSearchKey);
  const submit = useStore((s) => s.submit);
  const results = useStore((s) => s.results);
  const truncated = useStore((s) => s.truncated);
  const sizeLimit = useStore((s) => s.sizeLimit);
  const resolvedKey = useStore((s) => s.resolvedKey);
  const searched = useStore((s) => s.searched);
  const searching = useStore((s) => s.searching);
  const error = useStore((s) => s.lookupError);
  const selected = useStore((s) => s.selectedIndex);
  const moveSelection = useStore((s) => s.moveSelection);
  const openAccount = useStore((s) => s.openAccount);
  const status = useStore((s) => s.status);
  const offline = status !== null && !status.directory.reachable;
  const input = useRef<HTMLInputElement>(null);
  const choices = resolvedKey && !searching ? searchKeyChoices(resolvedKey, searchKey) : [];

  /** A key offered for the text: searched at once, the hands back in the box (the select keeps its focus for its arrows). */
  function choose(key: SearchKey) {
    setSearchKey(key);
    input.current?.focus();
  }

  function onPanelKeyDown(event: KeyboardEvent<HTMLElement>) {
    const index = choiceIndex(event);
    if (index === null) return;
    event.preventDefault();
    const key = choices[index];
    if (key) choose(key);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      moveSelection(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      moveSelection(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  }

  const keyName = resolvedKey ? t(`lookup.resolved.${resolvedKey}`) + (searchKey === 'auto' ? '' : t('lookup.forced')) : '';
  const regrouped = searched !== null && searched !== cleanQuery(query);

  return (
    <section className="panel" aria-labelledby="lookup-heading" onKeyDown={onPanelKeyDown}>
      <h1 id="lookup-heading">{t('lookup.heading')}</h1>
      <div className="search-row">
        <input
          ref={input}
          className="search-input"
          type="search"
          aria-label={t('lookup.heading')}
          placeholder={t('lookup.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          spellCheck={false}
          maxLength={256}
          disabled={offline}
          aria-controls={results.length > 0 ? 'lookup-results' : undefined}
          aria-activedescendant={results[selected] ? `result-${selected}` : undefined}
        />
        <label className="key-select">
          <span>{t('lookup.keyLabel')}</span>
          <select value={searchKey} onChange={(e) => setSearchKey(e.target.value as SearchKey)} disabled={offline}>
            {SEARCH_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`lookup.keys.${key}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* Busy while a search is on its way: screen readers announce the answer, not every keystroke's "Recherche…". */}
      <p className="muted small" aria-live="polite" aria-busy={searching} data-testid="lookup-info">
        {offline
          ? t('lookup.offline')
          : searching
            ? t('lookup.searching')
            : resolvedKey
              ? regrouped
                ? t('lookup.searchedAs', { key: keyName, value: searched, count: results.length })
                : t('lookup.searchedBy', { key: keyName, count: results.length })
              : t('lookup.help')}
      </p>
      {choices.length > 0 && !offline && (
        <div className="key-choices" role="group" aria-labelledby="key-choices-label" data-testid="key-choices">
          <span id="key-choices-label" className="muted small">
            {t('lookup.searchAs')}
          </span>
          {choices.map((key, i) => (
            <button key={key} type="button" className="chip" aria-keyshortcuts={`Alt+${i + 1}`} onClick={() => choose(key)}>
              {t(`lookup.keys.${key}`)} <kbd>Alt+{i + 1}</kbd>
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {truncated && (
        <p className="hint" role="status" data-testid="lookup-truncated">
          {t('lookup.truncated', { count: sizeLimit })}
        </p>
      )}
      {resolvedKey && !searching && results.length === 0 && !error && <p className="muted">{t('lookup.empty')}</p>}
      {results.length > 0 && (
        <table className="results" id="lookup-results" role="listbox" aria-label={t('lookup.resultsLabel')}>
          {/* A listbox holds options only: the column names are for the eye, each option's text names it. */}
          <thead aria-hidden="true">
            <tr>
              <th>{t('lookup.columns.name')}</th>
              <th>{t('lookup.columns.login')}</th>
              <th>{t('lookup.columns.affiliation')}</th>
              <th>{t('lookup.columns.state')}</th>
              <th>{t('lookup.columns.number')}</th>
            </tr>
          </thead>
          <tbody role="presentation">
            {results.map((r, i) => (
              <tr
                key={r.dn}
                id={`result-${i}`}
                role="option"
                aria-selected={i === selected}
                className={i === selected ? 'is-selected' : undefined}
                onClick={() => void openAccount(r.dn)}
              >
                <td className="name">
                  <DirText value={r.displayName} />
                </td>
                <td className="mono">
                  <DirText value={r.login} />
                </td>
                <td>
                  <DirText value={r.primaryAffiliation ? t(`affiliations.${r.primaryAffiliation}`, { defaultValue: r.primaryAffiliation }) : null} />
                </td>
                <td>
                  <AccountBadges account={r} />
                </td>
                <td className="mono">
                  <DirTextList values={[...r.studentIds, ...r.staffIds]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
