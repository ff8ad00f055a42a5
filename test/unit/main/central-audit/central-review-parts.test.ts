/** The review across desks' pure parts: free text as LIKE patterns, the page cursor, the per-desk words, an export query's literals. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineParams } from '../../../../src/main/central-audit/central-export-lines';
import { likePatterns } from '../../../../src/main/central-audit/central-filter';
import { decodeCursor, encodeCursor } from '../../../../src/main/central-audit/central-review-queries';
import { deskStandingText } from '../../../../src/shared/central-review-words';

describe('free text over the centre', () => {
  it('each word is a lowered substring; LIKE wildcards and the escape typed are literal', () => {
    expect(likePatterns('Secrétariat  Médecine')).toEqual(['%secrétariat%', '%médecine%']);
    expect(likePatterns('50%_off\\x')).toEqual(['%50\\%\\_off\\\\x%']);
  });
  it('a word under three characters makes the whole text one substring (as the local trigram index)', () => {
    expect(likePatterns('de la médecine')).toEqual(['%de la médecine%']);
  });
});

describe('the page cursor', () => {
  it('round-trips and refuses anything it did not make', () => {
    const cursor = { at: '2026-03-01 10:00:00.123456+00', desk: 'ACCUEIL-01', seq: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const forged of ['', 'bm90LWEtY3Vyc29y', Buffer.from('["x","d",1]').toString('base64url'), Buffer.from('["2026-03-01","d",1.5]').toString('base64url')])
      expect(decodeCursor(forged)).toBeNull();
  });
});

describe('the per-desk badge in words', () => {
  const desk = { desk: 'ACCUEIL-01', state: 'ok' as const, lastSeen: '2026-03-01T10:00:00.000Z', headSeq: 12345, forks: 0, alarms: 0 };
  it('says the chain state of each desk, in French and English, with its anchor alarms', () => {
    expect(deskStandingText(desk, 'fr')).toBe('ACCUEIL-01 : chaîne intègre jusqu’au n° 12\u202f345');
    expect(deskStandingText({ ...desk, state: 'forked', forks: 3 }, 'en')).toBe('ACCUEIL-01: chain broken at the centre (3 event(s) kept aside)');
    expect(deskStandingText({ ...desk, state: 'regressed', alarms: 2 }, 'fr')).toBe('ACCUEIL-01 : le journal du poste est plus court que ce que détient le centre · 2 alerte(s) d’ancrage');
  });
});

describe("an export query's parameters written in (COPY takes none)", () => {
  const client = new pg.Client();
  it('numbers as they are, strings as quoted literals (quotes doubled, backslashes in an E string), $10 not read as $1', () => {
    const params = ["O'Brien", 'back\\slash', 3, 4, 5, 6, 7, 8, 9, 'ten'];
    expect(inlineParams(client, 'a = $1 AND b = $2 AND c = $3 AND j = $10', params)).toBe(
      "a = 'O''Brien' AND b =  E'back\\\\slash' AND c = 3 AND j = 'ten'",
    );
  });
  it('refuses anything else (no value is written in as SQL)', () => {
    for (const bad of [null, undefined, Number.NaN, Infinity, { toString: () => '1; DROP TABLE x' }, ['x']])
      expect(() => inlineParams(client, 'a = $1', [bad])).toThrow(TypeError);
  });
});
