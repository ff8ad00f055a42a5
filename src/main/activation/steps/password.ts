/**
 * The password step: the person types the password they choose (every rule of the
 * institution's profile checked live, then here with the person's context, the date of
 * birth compared on the directory side). It is written after the entry's values and before
 * the state (activation-password.ts: as the person's own change, so the directory's quality
 * and history rules apply).
 */
import { resolvePasswordProfile } from '../../../shared/password-profiles';
import { checkChosenPassword } from '../../password/password-service';
import type { StepKindModule } from './step-kit';

export const passwordStep: StepKindModule = {
  kind: 'password',
  fields: ['password'],
  async prepare({ request, desk, directory, config }) {
    const profile = resolvePasswordProfile(config.passwordPolicy);
    return { password: await checkChosenPassword({ directory, config: config.directory, profile }, desk.subject, request.password) };
  },
};
