// One line of `sts-cli doctor` (SPEC §9): what was checked, how it went, and for anything short of
// passed, the one-line fix. Values only: checks never hold a secret.

export type CheckStatus = 'passed' | 'warning' | 'failed' | 'skipped';

export interface Check {
  /** Stable, for scripts: `clock`, `tls`, `token-jwks`. */
  id: string;
  /** What a person reads first: `clock`, `TLS`, `token keys`. */
  title: string;
  status: CheckStatus;
  /** What was found, one line. */
  detail: string;
  /** What to do, one line; for warnings and failures. */
  fix?: string;
}

export const passed = (id: string, title: string, detail: string): Check => ({ id, title, status: 'passed', detail });
export const skipped = (id: string, title: string, detail: string): Check => ({ id, title, status: 'skipped', detail });
export const warning = (id: string, title: string, detail: string, fix: string): Check => ({ id, title, status: 'warning', detail, fix });
export const failed = (id: string, title: string, detail: string, fix: string): Check => ({ id, title, status: 'failed', detail, fix });

/** An error's message and hint as a check's detail and fix. */
export function fromError(id: string, title: string, error: unknown, fallbackFix: string, status: 'failed' | 'warning' = 'failed'): Check {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
  return { id, title, status, detail: message.replace(/\.$/, ''), fix: hint ?? fallbackFix };
}

/** The worst status among `checks` (skipped counts for nothing). */
export function worst(checks: readonly Check[]): CheckStatus {
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  if (checks.some((c) => c.status === 'warning')) return 'warning';
  return checks.some((c) => c.status === 'passed') ? 'passed' : 'skipped';
}
