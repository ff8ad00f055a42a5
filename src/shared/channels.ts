/**
 * The IPC channel names, keyed by the preload method that calls each one.
 * Kept free of zod so the sandboxed preload bundle stays tiny; `contract.ts`
 * is checked at compile time to cover exactly these channels.
 */
export const CHANNELS = {
  appStatus: 'app:status',
  appSetLocale: 'app:set-locale',
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  lockSession: 'session:lock',
  resumeSession: 'session:resume',
  currentSession: 'session:current',
  searchDirectory: 'directory:search',
  openAccount: 'account:open',
  queryAudit: 'audit:query',
  auditEvent: 'audit:event',
  auditStats: 'audit:stats',
  verifyAudit: 'audit:verify',
  exportAudit: 'audit:export',
  auditExportProgress: 'audit:export-progress',
  auditHistory: 'audit:history',
  suggestAuditLogins: 'audit:suggest',
  revealAuditExport: 'audit:reveal-export',
  verificationStatus: 'verification:status',
  verifyDocument: 'verification:document',
  verifyIdentifier: 'verification:identifier',
  sendVerificationCode: 'verification:send-code',
  checkVerificationCode: 'verification:check-code',
  checkSecretAnswer: 'verification:secret-answer',
  clearVerification: 'verification:clear',
  resetPasswordGenerated: 'password:reset-generated',
  resetPasswordChosen: 'password:reset-chosen',
  unlockAccount: 'account:unlock',
  revealLogin: 'account:reveal-login',
  getConsents: 'consents:get',
  updateConsents: 'consents:update',
  activationOffer: 'activation:offer',
  completeActivation: 'activation:complete',
  suspendAccount: 'lifecycle:suspend',
  reactivateAccount: 'lifecycle:reactivate',
  extendValidity: 'lifecycle:extend',
  worklistCounts: 'worklists:counts',
  worklistPage: 'worklists:page',
  exportWorklist: 'worklists:export',
} as const;

export type MethodName = keyof typeof CHANNELS;
export type ChannelName = (typeof CHANNELS)[MethodName];
