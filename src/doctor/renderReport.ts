// The report of `sts-cli doctor` as a person reads it (one line per check, its fix below) or as
// JSON for scripts. Secrets seen are masked and terminal controls from the network escaped, though
// no check is meant to hold either. Pure.
import { redact } from '../redact.js';
import { escapeControl } from '../terminalText.js';
import type { Check, CheckStatus } from './check.js';
import type { DoctorReport } from './runDoctor.js';

export function summarize(checks: readonly Check[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { passed: 0, warning: 0, failed: 0, skipped: 0 };
  for (const check of checks) counts[check.status]++;
  return counts;
}

/** Whether the report has a failure (exit 1) or not (exit 0). */
export function hasFailure(report: DoctorReport): boolean {
  return report.checks.some((c) => c.status === 'failed');
}

const clean = (text: string, secrets: readonly string[]) => escapeControl(redact(text, secrets));

export function renderText(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const lines = [`sts-cli doctor: ${report.profile !== undefined ? `profile ${report.profile}, ` : ''}endpoint ${report.endpoint}, region ${report.region}`];
  for (const check of report.checks) {
    lines.push(`${check.status.padEnd(8)} ${check.title.padEnd(width)}  ${check.detail}`);
    if (check.fix && (check.status === 'failed' || check.status === 'warning')) lines.push(`${' '.repeat(9 + width + 2)}fix: ${check.fix}`);
  }
  const counts = summarize(report.checks);
  lines.push(`${counts.passed} passed, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.failed} failed, ${counts.skipped} skipped.`);
  return `${lines.map((line) => clean(line, report.secrets)).join('\n')}\n`;
}

export function renderJson(report: DoctorReport): string {
  const body = {
    ok: !hasFailure(report),
    ...(report.profile !== undefined ? { profile: report.profile } : {}),
    endpoint: report.endpoint,
    region: report.region,
    summary: summarize(report.checks),
    checks: report.checks,
  };
  return `${redact(JSON.stringify(body, null, 2), report.secrets)}\n`;
}
