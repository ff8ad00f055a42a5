/** The verification:* channels, adapted to the verification service. */
import type { Handlers } from '../router';
import type { VerificationService } from './verification-service';

export function verificationHandlers(verification: VerificationService) {
  return {
    'verification:status': ({ dn }) => verification.status(dn),
    'verification:document': ({ dn, documentKind }) => verification.document(dn, documentKind),
    'verification:identifier': (request) => verification.identifier(request),
    'verification:document-code': ({ dn, code }) => verification.documentCode(dn, code),
    'verification:secret-answer': ({ dn, answer }) => verification.secretAnswer(dn, answer),
    'verification:send-code': ({ dn }) => verification.sendCode(dn),
    'verification:check-code': ({ dn, code }) => verification.checkCode(dn, code),
    'verification:clear': ({ dn }) => verification.clear(dn),
    'verification:person-sign-in': (request) => verification.personSignIn(request),
  } satisfies Handlers;
}
