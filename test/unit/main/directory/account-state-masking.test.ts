import { describe, expect, it } from 'vitest';
import { maskMail, maskMobile } from '../../../../src/main/directory/account-masking';

describe('masking of contact data on the card', () => {
  it.each([
    ['+33 6 12 34 56 78', '+33 6 •• •• •• 78'],
    ['06 12 34 56 78', '+33 6 •• •• •• 78'],
    ['0033712345690', '+33 7 •• •• •• 90'],
    ['+44 7911 123456', '+44 7 • •• •• •• 56'],
    ['+1 415 555 2671', '+1 4 • •• •• •• 71'],
    ['12', '••••'],
    ['', null],
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
    ['Éloïse@gmail.com', 'É•••@gmail.com'],
    ['x@y.fr', 'x•••@y.fr'],
    ['not-an-address', '•••'],
    ['@gmail.com', '•••'],
    ['', null],
  ])('mail %s -> %s', (value, expected) => {
    expect(maskMail(value)).toBe(expected);
  });
});
