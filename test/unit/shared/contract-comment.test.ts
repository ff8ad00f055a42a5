/** The agent's comment is refused at the door when the trail could not record it (found by the services fuzz: an ESC in a comment came back INTERNAL). */
import { describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../../src/shared/contract';

const DN = 'uid=jdoe,ou=people,dc=univ-demo,dc=fr';
const withComment: Array<[ChannelName, Record<string, unknown>]> = [
  ['password:reset-generated', { dn: DN }],
  ['account:unlock', { dn: DN }],
  ['second-factor:remove', { dn: DN }],
  ['second-factor:confirm-enrolment', { dn: DN, enrolmentId: 'a'.repeat(32), code: '123456' }],
  ['consents:update', { dn: DN, smsAlerts: false, photoUse: false, hiddenFromDirectory: false }],
];

describe('the comment field', () => {
  it.each(withComment)('%s: refuses control characters and lone surrogates, keeps accents and line breaks', (channel, base) => {
    const parse = (comment: string) => contract[channel].request.safeParse({ ...base, comment });
    expect(parse('Pièce vue ; téléphone volé\nplainte déposée').success).toBe(true);
    expect(parse('\t/k,Fjy\u001b[31m ').success).toBe(false);
    expect(parse('a\u0000b').success).toBe(false);
    expect(parse('x\uD800y').success).toBe(false);
  });
});
