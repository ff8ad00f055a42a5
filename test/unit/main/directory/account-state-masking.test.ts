import { describe, expect, it } from 'vitest';
import { maskMobile } from '../../../../src/main/directory/account-masking';
import { maskMailbox, UNUSABLE_MAILBOX } from '../../../../src/shared/mail-address';

describe('masking of contact data on the card', () => {
  it.each([
    ['+33 6 12 34 56 78', '+33 6 •• •• •• 78'],
    ['06 12 34 56 78', '+33 6 •• •• •• 78'],
    ['0033712345690', '+33 7 •• •• •• 90'],
    ['+44 7911 123456', '+44 7 • •• •• •• 56'],
    ['+1 415 555 2671', '+1 4 • •• •• •• 71'],
    // A four-digit national number (Tokelau) keeps its country, first and last two digits.
    ['+690 3010', '+690 3 • 10'],
    // Not a number the phone library knows: only its last two digits, whatever their count.
    ['+999 1234 5678', '•• •• 78'],
    ['+999 1234 5678 (pro)', '•• •• 78'],
    ['+ 12 34', '•• •• 34'],
    ['12', '••••'],
    ['', null],
    // A blank attribute is no mobile at all, not a hidden one.
    ['   ', null],
    [null, null],
  ])('mobile %s -> %s', (value, expected) => {
    expect(maskMobile(value)).toBe(expected);
  });

  it('never leaks more than the last two digits of a mobile', () => {
    const masked = maskMobile('+33 6 12 34 56 78')!;
    for (const digits of ['12', '34', '56']) expect(masked).not.toContain(digits);
  });

  it.each([
    ['julie.bernard738@proton.me', 'j•••@proton.me'],
    ['x@y.fr', 'x•••@y.fr'],
    // Never masked as if it were an address: the card says it cannot be used.
    ['Éloïse@gmail.com', UNUSABLE_MAILBOX],
    ['not-an-address', UNUSABLE_MAILBOX],
    ['@gmail.com', UNUSABLE_MAILBOX],
    ['a@b.fr\r\nBcc: x@y.z', UNUSABLE_MAILBOX],
    ['', null],
    [' \t', null],
  ])('mail %s -> %s', (value, expected) => {
    expect(maskMailbox(value)).toBe(expected);
  });

  it('an internationalised address is masked when the relay takes SMTPUTF8, its domain in ASCII', () => {
    expect(maskMailbox('Éloïse@gmail.com', { smtpUtf8: true })).toBe('É•••@gmail.com');
    expect(maskMailbox('eloise@université.fr', { smtpUtf8: true })).toBe('e•••@xn--universit-j4a.fr');
  });
});
