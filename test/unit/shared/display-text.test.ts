import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointLabel, displayParts, hasHiddenCharacters, hiddenMarker, revealHidden } from '../../../src/shared/display-text';
import { auditEventInputSchema, targetLoginSchema } from '../../../src/shared/audit-events';

describe('display-text: invisible and control characters made visible', () => {
  it('shows bidi overrides, zero-width characters, the BOM and NUL as markers', () => {
    expect(revealHidden('Martin\u202Efdp.exe')).toBe('Martin⟨U+202E⟩fdp.exe');
    expect(revealHidden('Mal\u200Blory\u200D\uFEFF')).toBe('Mal⟨U+200B⟩lory⟨U+200D⟩⟨U+FEFF⟩');
    expect(revealHidden('a\u0000b')).toBe('a⟨U+0000⟩b');
    expect(revealHidden('tab\there\nline')).toBe('tab⟨U+0009⟩here⟨U+000A⟩line');
    // Isolates, marks, embeddings, soft hyphen, word joiner, C1 control, line separator, tag character.
    expect(revealHidden('\u2066x\u2069\u200E\u202A\u00AD\u2060\u0085\u2028')).toBe(
      '⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩⟨U+202A⟩⟨U+00AD⟩⟨U+2060⟩⟨U+0085⟩⟨U+2028⟩',
    );
    expect(revealHidden('x\u{E0041}y')).toBe('x⟨U+E0041⟩y');
    // Letters that draw as blank space.
    expect(revealHidden('\u3164\u115F')).toBe('⟨U+3164⟩⟨U+115F⟩');
    // A lone surrogate cannot be drawn either.
    expect(revealHidden('a\uD800b')).toBe('a⟨U+D800⟩b');
  });

  it('leaves ordinary text alone: accents, apostrophes, non-Latin scripts, emoji, markup', () => {
    for (const plain of ['Éloïse Lecœur', 'N’Diaye', "O'Brien", 'Da Silva-Nguyễn', 'محمد', '山田', '🎓', '<img src=x onerror=alert(1)>', '=1+1', '']) {
      expect(hasHiddenCharacters(plain), plain).toBe(false);
      expect(revealHidden(plain)).toBe(plain);
    }
  });

  it('cuts the value into text runs and one part per hidden character, in order', () => {
    expect(displayParts('ab\u202Ecd\u200B')).toEqual([
      { kind: 'text', text: 'ab' },
      { kind: 'hidden', codePoint: 0x202e, marker: '⟨U+202E⟩' },
      { kind: 'text', text: 'cd' },
      { kind: 'hidden', codePoint: 0x200b, marker: '⟨U+200B⟩' },
    ]);
    expect(displayParts('')).toEqual([]);
    expect(displayParts('\u0000\u0000')).toHaveLength(2);
  });

  it('keeps line feeds of pre-formatted text when asked, still marking every other control', () => {
    expect(displayParts('{\n  "a": "\u202E"\n}', { keepLineBreaks: true })).toEqual([
      { kind: 'text', text: '{\n  "a": "' },
      { kind: 'hidden', codePoint: 0x202e, marker: '⟨U+202E⟩' },
      { kind: 'text', text: '"\n}' },
    ]);
    expect(displayParts('a\r\nb', { keepLineBreaks: true }).map((p) => (p.kind === 'text' ? p.text : p.marker)).join('')).toBe('a⟨U+000D⟩\nb');
  });

  it('labels code points with at least four upper-case hex digits', () => {
    expect(codePointLabel(0)).toBe('U+0000');
    expect(codePointLabel(0xfeff)).toBe('U+FEFF');
    expect(codePointLabel(0xe0041)).toBe('U+E0041');
    expect(hiddenMarker(0x202e)).toBe('⟨U+202E⟩');
  });

  it('property: the result has no hidden character left and the parts rebuild the value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const shown = revealHidden(value);
        expect(hasHiddenCharacters(shown)).toBe(false);
        const parts = displayParts(value);
        const rebuilt = parts.map((p) => (p.kind === 'text' ? p.text : String.fromCodePoint(p.codePoint))).join('');
        expect(rebuilt).toBe(value);
        expect(parts.map((p) => (p.kind === 'text' ? p.text : p.marker)).join('')).toBe(shown);
      }),
    );
    // CPU-bound (100 binary strings): ~2.5 s on a quiet machine, over the 5 s default on a loaded one.
  }, 60_000);
});

describe('audit: a target login is what the directory holds', () => {
  const hostileUid = '=1+1<img src=x onerror="guichet.lockSession({})">\u202Eexe.txt\u200B\uFEFF';

  it('accepts logins with spaces, markup, bidi and zero-width characters (slapd accepts them in uid)', () => {
    for (const login of [hostileUid, 'a b', 'jbernard1', 'Mal\u200Blory']) expect(targetLoginSchema.safeParse(login).success, login).toBe(true);
    const event = auditEventInputSchema.safeParse({
      action: 'account-viewed',
      outcome: 'success',
      agent: { login: 'agent.accueil', displayName: 'Agnès Accueil' },
      target: { login: hostileUid, dn: 'uid=\\3D1\\2B1\\3Cimg src\\3Dx,ou=people,dc=univ-demo,dc=fr' },
      details: {},
    });
    expect(event.success, JSON.stringify(event.error?.issues)).toBe(true);
  });

  it('still refuses controls (NUL, line breaks, C1), lone surrogates, empty and oversized logins', () => {
    for (const login of ['a\u0000b', 'a\nb', 'a\tb', 'a\u0085b', 'a\u0007', 'a\uD800', '', 'x'.repeat(257)])
      expect(targetLoginSchema.safeParse(login).success, JSON.stringify(login)).toBe(false);
  });

  it('the agent login keeps its stricter rule (no whitespace)', () => {
    const event = auditEventInputSchema.safeParse({
      action: 'account-viewed',
      outcome: 'success',
      agent: { login: 'agent accueil', displayName: 'Agnès Accueil' },
      target: { login: 'jbernard1', dn: null },
      details: {},
    });
    expect(event.success).toBe(false);
  });
});
