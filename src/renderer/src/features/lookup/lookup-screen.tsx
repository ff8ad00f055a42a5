/** The lookup screen: one search box and key, results chosen with the arrow keys and Enter. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { errorText } from '../../i18n';
import { SEARCH_KEYS, type SearchKey } from '../../../../shared/account';
import { AccountBadges } from '../../components/account-badges';
import { DirText, DirTextList } from '../../components/dir-text';

const TYPE_DELAY_MS = 250;
const MIN_TYPED = 2;

export function LookupScreen() {
  const { t } = useTranslation();
  const query = useStore((s) => s.query);
  const searchKey = useStore((s) => s.searchKey);
  const setQuery = useStore((s) => s.setQuery);
  const setSearchKey = useStore((s) => s.setSearchKey);
  const search = useStore((s) => s.search);
  const results = useStore((s) => s.results);
  const truncated = useStore((s) => s.truncated);
  const sizeLimit = useStore((s) => s.sizeLimit);
  const resolvedKey = useStore((s) => s.resolvedKey);
  const searching = useStore((s) => s.searching);
  const error = useStore((s) => s.lookupError);
  const selected = useStore((s) => s.selectedIndex);
  const moveSelection = useStore((s) => s.moveSelection);
  const openAccount = useStore((s) => s.openAccount);
  const status = useStore((s) => s.status);
  const offline = status !== null && !status.directory.reachable;
  const input = useRef<HTMLInputElement>(null);
  const searchedFor = useRef<string>('');

  // Search as you type; the store drops answers to superseded requests.
  useEffect(() => {
    if (query.trim().length < MIN_TYPED) return;
    const timer = window.setTimeout(() => {
      searchedFor.current = `${searchKey}:${query}`;
      void search();
    }, TYPE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query, searchKey, search]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      moveSelection(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      moveSelection(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const current = `${searchKey}:${query}`;
      const chosen = results[useStore.getState().selectedIndex];
      if (chosen && searchedFor.current === current && !searching) void openAccount(chosen.dn);
      else {
        searchedFor.current = current;
        void search();
      }
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  }

  return (
    <section className="panel" aria-labelledby="lookup-heading">
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
      <p className="muted small" aria-live="polite" data-testid="lookup-info">
        {offline
          ? t('lookup.offline')
          : searching
            ? t('lookup.searching')
            : resolvedKey
              ? t('lookup.searchedBy', { key: t(`lookup.resolved.${resolvedKey}`), count: results.length })
              : t('lookup.help')}
      </p>
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
