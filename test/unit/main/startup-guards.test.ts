import { describe, expect, it } from 'vitest';
import { unsafeEnvironmentProblems } from '../../../src/main/startup-guards';

describe('startup guards', () => {
  it('refuses NODE_TLS_REJECT_UNAUTHORIZED=0 and NODE_DEBUG=ldapts', () => {
    expect(unsafeEnvironmentProblems({ NODE_TLS_REJECT_UNAUTHORIZED: '0' })).toHaveLength(1);
    expect(unsafeEnvironmentProblems({ NODE_DEBUG: 'ldapts' })).toHaveLength(1);
    expect(unsafeEnvironmentProblems({ NODE_DEBUG: 'http,tls' })).toHaveLength(1);
  });
  it('accepts a normal environment', () => {
    expect(unsafeEnvironmentProblems({ NODE_DEBUG: 'http', PATH: '/usr/bin' })).toEqual([]);
  });
});
