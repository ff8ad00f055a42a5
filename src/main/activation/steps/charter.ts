/** The charter step (UPHF's "règlement intérieur", UPVD's IT charter): its acceptance stored as `version;YYYYMMDDHHMMSSZ`. */
import { first } from '../../directory/account-entry';
import { required, fieldProblem, type StepKindModule } from './step-kit';

/** `20261123134501Z` (UTC). */
export function generalizedTime(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export const charterStep: StepKindModule = {
  kind: 'charter',
  fields: ['charterAccepted'],
  prepare({ request, entry, config, at }) {
    if (required(request, 'charterAccepted') !== true) throw fieldProblem('charterAccepted', 'missing');
    const attribute = config.directory.attributes.charterAcceptance;
    const version = config.institution.charterVersion;
    const value = `${version};${generalizedTime(at)}`;
    const previous = first(entry, attribute);
    return {
      entry: {
        modifications: [{ operation: 'replace', type: attribute, values: [value] }],
        record: 'charter-accepted',
        changes: { charterVersion: { before: previous ? (previous.split(';')[0] ?? null) : null, after: version } },
        holds: (now) => first(now, attribute) === value,
        needsAuxiliaryClass: true,
      },
    };
  },
};
