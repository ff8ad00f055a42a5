/** Suggestions for the review's agent and account filters: the logins of the trail that match what was typed. */
import type Database from 'better-sqlite3';
import type { LoginSuggestion } from '../../shared/contract/audit';
import { cachedStatement, prefixRange, type Viewer } from './audit-filter';

export const MAX_SUGGESTIONS = 8;
/** Index seeks one suggestion list may cost (distinct agents of a desk: dozens; targets: skipped when not the agent's own). */
const MAX_SEEKS = 400;

export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The next distinct value of an indexed column after `after`, below `below` (null: none). */
function nextDistinct(db: Database.Database, column: 'agent_login' | 'target_login', after: string, inclusive: boolean, below: string | null): string | null {
  const sql = `SELECT ${column} FROM events WHERE ${column} ${inclusive ? '>=' : '>'} ?${below ? ` AND ${column} < ?` : ''} ORDER BY ${column} LIMIT 1`;
  return (cachedStatement(db, sql).pluck().get(...(below ? [after, below] : [after])) as string | undefined) ?? null;
}

const latestName = (db: Database.Database, login: string): string | null =>
  (cachedStatement(db, 'SELECT agent_name FROM events WHERE agent_login = ? ORDER BY seq DESC LIMIT 1').pluck().get(login) as string | null | undefined) ?? null;

/**
 * Agents: every agent of the trail (a desk has dozens) whose login starts with the typed
 * text, or one of whose names does (accents and case ignored); logins first. An agent who is
 * not a supervisor is offered only themselves.
 */
function suggestAgents(db: Database.Database, typed: string, viewer: Viewer): LoginSuggestion[] {
  const logins: string[] = [];
  if (viewer.role !== 'supervisor') logins.push(viewer.login);
  else
    for (let login = nextDistinct(db, 'agent_login', '', false, null), seeks = 0; login !== null && seeks < MAX_SEEKS; seeks += 1) {
      logins.push(login);
      login = nextDistinct(db, 'agent_login', login, false, null);
    }
  return agentsMatching(
    logins.map((login) => ({ login, name: () => latestName(db, login) })),
    typed,
  );
}

/**
 * Of the agents given (login, and their name read only when needed), those whose login
 * starts with the typed text, then those one of whose names does (accents and case ignored).
 */
export function agentsMatching(agents: Array<{ login: string; name: () => string | null }>, typed: string): LoginSuggestion[] {
  const want = fold(typed);
  const byLogin: LoginSuggestion[] = [];
  const byName: LoginSuggestion[] = [];
  for (const { login, name } of agents) {
    if (fold(login).startsWith(want)) byLogin.push({ login, displayName: name() });
    else {
      const displayName = name();
      if (displayName && fold(displayName).split(/[\s'’-]+/).some((word) => word.startsWith(want))) byName.push({ login, displayName });
    }
  }
  return [...byLogin, ...byName].slice(0, MAX_SUGGESTIONS);
}

/** Accounts: logins that start with the typed text (as typed, then in lower case), read as index seeks. */
function suggestTargets(db: Database.Database, typed: string, viewer: Viewer): LoginSuggestion[] {
  const own = cachedStatement(db, 'SELECT 1 FROM events WHERE target_login = ? AND +agent_login = ? LIMIT 1').pluck();
  const found = new Set<string>();
  let seeks = 0;
  for (const prefix of new Set([typed, typed.toLowerCase()])) {
    const [lo, hi] = prefixRange(prefix);
    for (let login = nextDistinct(db, 'target_login', lo, true, hi); login !== null && found.size < MAX_SUGGESTIONS && seeks < MAX_SEEKS; seeks += 1) {
      if (viewer.role === 'supervisor' || own.get(login, viewer.login) !== undefined) found.add(login);
      login = nextDistinct(db, 'target_login', login, false, hi);
    }
  }
  return [...found].sort().map((login) => ({ login, displayName: null }));
}

export function suggestLogins(db: Database.Database, field: 'agent' | 'target', typed: string, viewer: Viewer): LoginSuggestion[] {
  const text = typed.trim();
  if (!text) return [];
  return field === 'agent' ? suggestAgents(db, text, viewer) : suggestTargets(db, text, viewer);
}
