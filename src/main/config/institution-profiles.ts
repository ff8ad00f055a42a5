/**
 * The ready profiles shipped in resources/config (uphf.yaml, upvd.yaml, ubp.yaml): read as
 * raw input, so that the demo and the tests can point one at another directory (its servers,
 * bases and groups) while keeping everything the institution's own (words, steps, evidence,
 * password profile, attribute names).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { GuichetConfigInput } from './schema';

export const INSTITUTION_PROFILES = ['uphf', 'upvd', 'ubp'] as const;
export type InstitutionProfile = (typeof INSTITUTION_PROFILES)[number];

export const isInstitutionProfile = (name: string): name is InstitutionProfile => (INSTITUTION_PROFILES as readonly string[]).includes(name);

/** The profile's file in a checkout (resources/config/<id>.yaml). */
export const profilePath = (id: InstitutionProfile, root = process.cwd()): string => join(root, 'resources', 'config', `${id}.yaml`);

/** The profile as written (not yet validated: parseConfig does that, with whatever is laid over it). */
export function readInstitutionProfile(id: InstitutionProfile, root?: string): GuichetConfigInput {
  return parseYaml(readFileSync(profilePath(id, root), 'utf8')) as GuichetConfigInput;
}

/**
 * The profile as overrides of a configuration on another directory (the demo's, a test's):
 * everything the institution's own, its attribute names kept, its connection (servers, TLS,
 * bases, groups, service account) left to the directory it runs on.
 */
export function profileOverrides(profile: GuichetConfigInput): Partial<GuichetConfigInput> {
  const { directory, ...rest } = profile;
  return { ...rest, ...(directory?.attributes ? { directory: { attributes: directory.attributes } as GuichetConfigInput['directory'] } : {}) };
}
