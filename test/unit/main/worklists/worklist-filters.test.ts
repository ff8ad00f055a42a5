/**
 * The password expiry list's filter: no index narrows it (slapd reads every entry), so the
 * term most entries fail, a password changed after the window (most are younger), comes
 * first; both bounds are NOTs, never looked up in the eq index (a walk quadratic in its keys).
 */
import { describe, expect, it } from 'vitest';
import { attributeMapSchema } from '../../../../src/main/config/schema';
import { worklistsConfigSchema } from '../../../../src/main/worklists/worklists-config';
import { worklistQuery } from '../../../../src/main/worklists/worklist-filters';

const attrs = attributeMapSchema.parse({});
const config = worklistsConfigSchema.parse({ passwordExpiringDays: 14 });
const now = new Date('2026-12-02T10:00:00.000Z');

describe('the password expiry filter', () => {
  it('tests "changed after the window" first, then "not before it", then presence; both bounds a second outside, as NOTs', () => {
    const query = worklistQuery('password-expiring', attrs, config, { now, today: '20261202', maxAgeSeconds: 365 * 86_400 })!;
    // Window: changed between 2025-12-02T10:00:00Z (expires now) and 2025-12-16T10:00:00Z (expires in 14 days).
    expect(query.filter.toString()).toBe('(&(!(pwdChangedTime>=20251216100001Z))(!(pwdChangedTime<=20251202095959Z))(pwdChangedTime=*))');
    expect(query.days).toBe(14);
    expect(query.reads).toEqual(['pwdChangedTime']);
  });
});
