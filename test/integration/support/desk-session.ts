/**
 * The set-up most desk-flow integration files share: a fixture directory, a real SMTP peer,
 * the console's services sending mail there, and an agent signed in.
 */
import { startDirectory, type DirectoryFixture } from '../../../resources/directory/fixture';
import { expectOk, startConsole, type ConsoleHarness } from '../../support/console-harness';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

export interface DeskSession {
  fixture: DirectoryFixture;
  smtp: SmtpPeer;
  harness: ConsoleHarness;
  close(): Promise<void>;
}

export async function startDeskSession(options: { people: number; agent?: 'agent' | 'supervisor' }): Promise<DeskSession> {
  const fixture = await startDirectory({ people: options.people });
  const smtp = await startSmtpPeer();
  const harness = startConsole({ fixture, overrides: { mail: smtp.mailConfig() } });
  const agent = fixture.agents.find((a) => a.kind === (options.agent ?? 'agent'))!;
  await expectOk(harness, 'session:sign-in', { login: agent.login, password: agent.password });
  return {
    fixture,
    smtp,
    harness,
    async close() {
      await harness.close();
      await smtp.close();
      await fixture.stop();
    },
  };
}
