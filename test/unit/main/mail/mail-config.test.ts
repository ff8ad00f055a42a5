/** The sender and reply-to of the mail configuration: one address each, checked by the same validator as the directory's values. */
import { describe, expect, it } from 'vitest';
import { mailConfigSchema, parseSender } from '../../../../src/main/mail/mail-config';

describe('mail.from and mail.replyTo', () => {
  it('a name and one address, or the address alone', () => {
    expect(parseSender('Guichet numérique <ne-pas-repondre@univ-demo.fr>')).toMatchObject({ name: 'Guichet numérique', mailbox: { address: 'ne-pas-repondre@univ-demo.fr' } });
    expect(parseSender('guichet@univ-demo.fr')).toMatchObject({ name: '', mailbox: { address: 'guichet@univ-demo.fr' } });
  });

  it.each([
    'Guichet <a@univ-demo.fr>\r\nBcc: x@y.z',
    'Guichet\r\nBcc: x@y.z <a@univ-demo.fr>',
    'a@univ-demo.fr, x@y.z',
    'Guichet <a@univ-demo.fr>, Autre <x@y.z>',
    '"Guichet" <a@univ-demo.fr>',
    'Guichet <a@univ demo.fr>',
  ])('refused: %j', (value) => {
    expect(parseSender(value)).toBeNull();
    expect(mailConfigSchema.safeParse({ from: value }).success).toBe(false);
    expect(mailConfigSchema.safeParse({ replyTo: value }).success).toBe(false);
  });

  it('SMTPUTF8 is off unless the relay is declared to offer it', () => {
    expect(mailConfigSchema.parse({}).smtpUtf8).toBe(false);
  });
});
