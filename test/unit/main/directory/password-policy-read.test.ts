/** The policy's pwdInHistory as the card reads it: the directory's value is not trusted. */
import { describe, expect, it } from 'vitest';
import { parseInHistory } from '../../../../src/main/directory/password-policy-read';

describe('parseInHistory', () => {
  it('a count of former passwords, or null when absent, zero or no count', () => {
    expect(parseInHistory('3')).toBe(3);
    expect(parseInHistory(' 12 ')).toBe(12);
    for (const value of [null, '0', '', '-1', 'trois', '1e3', '99999']) expect(parseInHistory(value), String(value)).toBeNull();
  });
});
