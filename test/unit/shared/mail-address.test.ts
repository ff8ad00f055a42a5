/**
 * The one address validator (shared/mail-address.ts): every hostile form a directory value
 * can take is refused with its own reason, ordinary addresses pass, and whatever passes is
 * read by nodemailer's own parser as exactly that one address (so no value it accepts can
 * become a second recipient or a header further down).
 */
import fc from 'fast-check';
import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, it } from 'vitest';
import { HOSTILE_ADDRESSES } from '../../../resources/directory/hostile-person';
import { isMailbox, maskMailbox, parseMailbox, UNUSABLE_MAILBOX, type MailboxProblem } from '../../../src/shared/mail-address';

const problemOf = (value: string, smtpUtf8 = false): MailboxProblem | 'ok' => {
  const verdict = parseMailbox(value, { smtpUtf8 });
  return verdict.ok ? 'ok' : verdict.problem;
};

describe('parseMailbox refuses what is not one mailbox', () => {
  it.each<[string, string, MailboxProblem]>([
    ['a header injected after CR/LF', HOSTILE_ADDRESSES.headerInjection, 'control-character'],
    ['a header injected after a bare LF', HOSTILE_ADDRESSES.lineFeedInjection, 'control-character'],
    ['a bare CR', 'a@b.fr\rBcc: x@y.z', 'control-character'],
    ['NUL', HOSTILE_ADDRESSES.nul, 'control-character'],
    ['a tab', 'a@b.fr\tx', 'control-character'],
    ['DEL', 'a\u007f@b.fr', 'control-character'],
    ['a C1 control (NEL)', 'a@b.fr\u0085Bcc: x@y.z', 'control-character'],
    ['U+2028 line separator', 'a@b.fr\u2028x@y.z', 'control-character'],
    ['a right-to-left override', 'a\u202e@b.fr', 'control-character'],
    ['a zero-width space', 'a\u200b@b.fr', 'control-character'],
    ['a list with a comma', HOSTILE_ADDRESSES.list, 'list'],
    ['a list with a semicolon', HOSTILE_ADDRESSES.semicolonList, 'list'],
    ['a list without spaces', 'a@b.fr,x@y.z', 'list'],
    ['a display name', HOSTILE_ADDRESSES.displayName, 'display-name'],
    ['an address in angle brackets', '<x@y.z>', 'display-name'],
    ['a comment', HOSTILE_ADDRESSES.comment, 'comment'],
    ['a comment inside the local part', 'a(x@y.z)@b.fr', 'comment'],
    ['a quoted local part', HOSTILE_ADDRESSES.quoted, 'quoted'],
    ['a backslash', 'a\\@b@c.fr', 'quoted'],
    ['a space inside', HOSTILE_ADDRESSES.inner, 'whitespace'],
    ['a no-break space inside', 'a\u00a0b@c.fr', 'whitespace'],
    ['an over-long address (297 characters)', HOSTILE_ADDRESSES.tooLong, 'too-long'],
    ['300 characters', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(40)}.fr`, 'too-long'],
    ['a local part of 65 octets', `${'a'.repeat(65)}@b.fr`, 'local-part'],
    ['a label of 64 octets', `a@${'b'.repeat(64)}.fr`, 'domain'],
    ['no @', 'not-an-address', 'not-an-address'],
    ['two @', 'a@b@c.fr', 'not-an-address'],
    ['nothing before @', '@b.fr', 'not-an-address'],
    ['nothing after @', 'a@', 'not-an-address'],
    ['a leading dot', '.a@b.fr', 'local-part'],
    ['two dots in a row', 'a..b@c.fr', 'local-part'],
    ['a trailing dot in the local part', 'a.@b.fr', 'local-part'],
    ['a domain literal', 'a@[192.0.2.1]', 'domain'],
    ['a single-label domain', 'a@localhost', 'domain'],
    ['a trailing dot in the domain', 'a@b.fr.', 'domain'],
    ['a label starting with a hyphen', 'a@-b.fr', 'domain'],
    ['an underscore in the domain', 'a@b_c.fr', 'domain'],
    ['an all-digit top-level label', 'a@192.0.2.1', 'domain'],
    ['URL syntax in the domain', 'a@b.fr/x', 'domain'],
    ['a Unicode local part without SMTPUTF8', 'josé@exemple.fr', 'international'],
    ['a Unicode domain without SMTPUTF8', 'jose@université.fr', 'international'],
  ])('%s', (_what, value, problem) => {
    expect(problemOf(value)).toBe(problem);
  });

  it('the values slapd stores and the issue found are all refused, whatever the relay', () => {
    for (const value of Object.values(HOSTILE_ADDRESSES)) {
      expect(problemOf(value, false)).not.toBe('ok');
      expect(problemOf(value, true)).not.toBe('ok');
    }
  });
});

describe('parseMailbox accepts ordinary addresses', () => {
  it.each([
    ['julie.bernard@gmail.com', 'julie.bernard@gmail.com'],
    ['Jean-Luc.O\'Brien+guichet@etu.univ-demo.fr', 'Jean-Luc.O\'Brien+guichet@etu.univ-demo.fr'],
    ['x@y.fr', 'x@y.fr'],
    ['  lea@perso.example  ', 'lea@perso.example'],
    ['a{b}|c~d=e?f^g`h#i$j%k&l*m/n!o@x--y.example', 'a{b}|c~d=e?f^g`h#i$j%k&l*m/n!o@x--y.example'],
    ['user@xn--universit-j4a.fr', 'user@xn--universit-j4a.fr'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.fr`, `${'a'.repeat(64)}@${'b'.repeat(63)}.fr`],
  ])('%s', (value, address) => {
    const verdict = parseMailbox(value);
    expect(verdict).toMatchObject({ ok: true, mailbox: { address, needsSmtpUtf8: false } });
  });

  it('internationalised addresses (RFC 6531) only when the relay offers SMTPUTF8; the domain goes in ASCII', () => {
    expect(parseMailbox('josé@exemple.fr', { smtpUtf8: true })).toMatchObject({ ok: true, mailbox: { address: 'josé@exemple.fr', needsSmtpUtf8: true } });
    expect(parseMailbox('jose@université.fr', { smtpUtf8: true })).toMatchObject({
      ok: true,
      mailbox: { address: 'jose@xn--universit-j4a.fr', needsSmtpUtf8: false },
    });
    // A Cyrillic "і" in a familiar name is shown, and sent, as what it is.
    expect(maskMailbox('jean@gmaіl.com', { smtpUtf8: true })).toBe('j•••@xn--gmal-n9d.com');
    // Still no controls or invisible characters.
    expect(problemOf('jo\u200bsé@exemple.fr', true)).toBe('control-character');
    expect(problemOf('josé@exem ple.fr', true)).toBe('whitespace');
  });

  it('a mailbox is only ever one parseMailbox made: a copy or a string is not one', () => {
    const verdict = parseMailbox('a@b.fr');
    expect(verdict.ok && isMailbox(verdict.mailbox)).toBe(true);
    expect(verdict.ok && isMailbox({ ...verdict.mailbox })).toBe(false);
    expect(isMailbox('a@b.fr')).toBe(false);
  });
});

describe('masking on the card', () => {
  it('an unusable address is never masked as if it were one', () => {
    for (const value of Object.values(HOSTILE_ADDRESSES)) expect(maskMailbox(value)).toBe(UNUSABLE_MAILBOX);
    expect(maskMailbox('julie.bernard@gmail.com')).toBe('j•••@gmail.com');
    expect(maskMailbox(null)).toBeNull();
    expect(maskMailbox('   ')).toBeNull();
  });
});

describe('what passes is one address to nodemailer too', () => {
  const atext = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&\'*+/=?^_`{|}~-.');
  // Any printable ASCII and the characters an attacker reaches for.
  const hostile = fc.constantFrom(...' "(),:;<>@[\\]\r\n\t\u0000', 'Bcc: ', ', ', '@', '.fr', 'x@y.z');
  const candidate = fc
    .array(fc.oneof(atext, hostile), { minLength: 1, maxLength: 40 })
    .chain((left) => fc.tuple(fc.constant(left.join('')), fc.array(fc.oneof(atext, hostile), { minLength: 1, maxLength: 20 })))
    .map(([left, right]) => `${left}@${right.join('')}.fr`);

  it('an accepted value parses, in nodemailer, as exactly that address with no name', () => {
    fc.assert(
      fc.property(candidate, (value) => {
        const verdict = parseMailbox(value);
        if (!verdict.ok) return true;
        const parsed = addressparser(verdict.mailbox.address, { flatten: true });
        return parsed.length === 1 && parsed[0]!.address === verdict.mailbox.address && parsed[0]!.name === '' && !/[\r\n]/.test(verdict.mailbox.address);
      }),
      { numRuns: 5_000 },
    );
  });

  it('an injected header or second recipient is never accepted', () => {
    fc.assert(
      fc.property(candidate, (value) => {
        if (!/[\r\n,;<>]|Bcc/.test(value) && value.split('@').length === 2) return true;
        const verdict = parseMailbox(value);
        return !verdict.ok || !/[\r\n,;<>]/.test(verdict.mailbox.address);
      }),
      { numRuns: 5_000 },
    );
  });
});
