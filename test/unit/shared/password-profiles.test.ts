import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../../../src/main/config/load';
import { demoConfig } from '../../../src/main/config/demo-config';
import { BUILT_IN_PROFILES, resolvePasswordProfile } from '../../../src/shared/password-profiles';

const withPolicy = (passwordPolicy: unknown) => parseConfig({ ...demoConfig(), passwordPolicy }, null);

describe('password profiles in the configuration', () => {
  it('enforces the uphf profile when nothing is configured', () => {
    const config = parseConfig(demoConfig(), null);
    expect(config.passwordPolicy.profile).toBe('uphf');
    expect(resolvePasswordProfile(config.passwordPolicy)).toEqual(BUILT_IN_PROFILES.uphf);
  });

  it('lets a profile extend a built-in one and change a few fields only', () => {
    const config = withPolicy({ profile: 'desk', profiles: { desk: { extends: 'upvd', minStrengthScore: 2 } } });
    const profile = resolvePasswordProfile(config.passwordPolicy);
    expect(profile).toEqual({ ...BUILT_IN_PROFILES.upvd, id: 'desk', minStrengthScore: 2 });
  });

  it('accepts a complete profile of its own', () => {
    const config = withPolicy({ profile: 'lab', profiles: { lab: { minLength: 16, specials: 'any', historyCount: 5 } } });
    const profile = resolvePasswordProfile(config.passwordPolicy);
    expect(profile).toMatchObject({ id: 'lab', minLength: 16, maxLength: null, specials: 'any', minStrengthScore: 3 });
  });

  it('names the problem when the profile is unknown, incomplete or inconsistent', () => {
    expect(() => withPolicy({ profile: 'nope' })).toThrow(/passwordPolicy\.profile.*unknown password profile "nope"/s);
    expect(() => withPolicy({ profiles: { lab: { minLength: 16 } } })).toThrow(ConfigError);
    expect(() => withPolicy({ profiles: { lab: { extends: 'uphf', maxLength: 8 } } })).toThrow(/maxLength is below minLength/);
    expect(() => withPolicy({ profiles: { lab: { extends: 'lab' } } })).toThrow(/extends itself/);
    expect(() => withPolicy({ profiles: { lab: { extends: 'uphf', bogus: 1 } } })).toThrow(/bogus/);
  });
});
