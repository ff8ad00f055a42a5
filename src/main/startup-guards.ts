/**
 * Settings of the environment that would leak secrets or disable certificate checks.
 * The console refuses to start with them rather than run unsafely.
 */
export function unsafeEnvironmentProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env['NODE_TLS_REJECT_UNAUTHORIZED'] === '0')
    problems.push('NODE_TLS_REJECT_UNAUTHORIZED=0 désactive la vérification des certificats');
  if ((env['NODE_DEBUG'] ?? '').split(/[\s,]+/).some((m) => /^(ldapts|tls|net|\*)$/i.test(m)))
    problems.push('NODE_DEBUG affiche les échanges avec l’annuaire, mots de passe compris');
  return problems;
}

export function refuseUnsafeEnvironment(env: Record<string, string | undefined>): void {
  const problems = unsafeEnvironmentProblems(env);
  if (problems.length > 0) {
    process.stderr.write(`Guichet refuse de démarrer :\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(3);
  }
}
