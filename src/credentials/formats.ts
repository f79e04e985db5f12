// Renders credentials for stdout (SPEC §3): shell exports quoted so that `eval` is safe for ANY
// value, the STS result as the AWS CLI prints it, and credential_process JSON. Pure.
import { InvalidParameterError } from '../errors.js';
import type { AwsCredentials, StsCredentialsResult } from '../sts/types.js';
import { isoSeconds } from './isoSeconds.js';

import { EXPORT_FORMATS, type ExportFormat, type OutputFormat } from './formatNames.js';

export { EXPORT_FORMATS, OUTPUT_FORMATS, isExportFormat, isOutputFormat, type ExportFormat, type OutputFormat } from './formatNames.js';

/** Variables `env --unset` clears: ours, plus the legacy token botocore would prefer. */
const UNSET_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];

// sh/bash/zsh: bare when every character is safe (Python's shlex.quote set, so plain keys print
// as the AWS CLI prints them; a leading = is quoted because zsh expands `=cmd`), else single
// quotes with ' written as '\''.
function quoteSh(value: string): string {
  if (/^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// fish: inside single quotes only \' and \\ are escapes; newlines are literal.
function quoteFish(value: string): string {
  if (/^[A-Za-z0-9_@+:,./-][A-Za-z0-9_@+=:,./-]*$/.test(value)) return value;
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

// PowerShell: always single quotes; every single-quote character PowerShell accepts
// (' and the typographic ‘ ’ ‚ ‛) is doubled.
function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

// cmd.exe has no quoting that is safe for every value: `%` expands even inside quotes, `!` under
// delayed expansion, and a value cannot span lines. Our choice: `set NAME=value` for plain values
// (what the AWS CLI prints), `set "NAME=value"` when the value has cmd metacharacters
// (& | < > ^ ( ) spaces) that quotes neutralise, and a refusal for ", %, !, CR or LF.
function setCmd(name: string, value: string): string {
  if (/^[A-Za-z0-9_@+=:,./-]*$/.test(value)) return `set ${name}=${value}`;
  if (/["%!\r\n]/.test(value)) {
    throw new InvalidParameterError('format', `The value of ${name} cannot be written safely for cmd.exe (it holds ", %, ! or a line break).`, {
      hint: 'Use --format powershell or --format json instead.',
    });
  }
  return `set "${name}=${value}"`;
}

function variables(creds: AwsCredentials): Array<[string, string]> {
  // The AWS CLI's order (aws configure export-credentials).
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
  ];
  if (creds.sessionToken) vars.push(['AWS_SESSION_TOKEN', creds.sessionToken]);
  if (creds.expiration) vars.push(['AWS_CREDENTIAL_EXPIRATION', isoSeconds(creds.expiration)]);
  return vars;
}

function processJson(creds: AwsCredentials): string {
  const out: Record<string, unknown> = { Version: 1, AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey };
  if (creds.sessionToken) out.SessionToken = creds.sessionToken;
  if (creds.expiration) out.Expiration = isoSeconds(creds.expiration);
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Credentials as exports for `format` (every format but json); ends with a newline. */
export function renderExports(format: ExportFormat, creds: AwsCredentials): string {
  const vars = variables(creds);
  const lines = (line: (name: string, value: string) => string) => vars.map(([n, v]) => `${line(n, v)}\n`).join('');
  switch (format) {
    case 'env':
      return lines((n, v) => `export ${n}=${quoteSh(v)}`);
    case 'env-no-export':
      return lines((n, v) => `${n}=${quoteSh(v)}`);
    case 'fish':
      return lines((n, v) => `set -gx ${n} ${quoteFish(v)};`);
    case 'powershell':
      return lines((n, v) => `$Env:${n}=${quotePowerShell(v)}`);
    case 'windows-cmd':
      return lines(setCmd);
    case 'process':
      return processJson(creds);
    default:
      throw new InvalidParameterError('format', `--format ${String(format)} cannot print exports.`, { hint: `Use one of ${EXPORT_FORMATS.join(', ')}.` });
  }
}

/** Commands that clear the variables again, for `sts-cli env --unset`. */
export function renderUnset(format: ExportFormat): string {
  switch (format) {
    case 'env':
    case 'env-no-export':
      return `unset ${UNSET_VARIABLES.join(' ')}\n`;
    case 'fish':
      return UNSET_VARIABLES.map((n) => `set -e ${n};\n`).join('');
    case 'powershell':
      return UNSET_VARIABLES.map((n) => `Remove-Item Env:${n} -ErrorAction SilentlyContinue\n`).join('');
    case 'windows-cmd':
      return UNSET_VARIABLES.map((n) => `set ${n}=\n`).join('');
    default:
      throw new InvalidParameterError('format', `--unset does not work with --format ${String(format)}.`, {
        hint: 'Use env, env-no-export, fish, powershell or windows-cmd.',
      });
  }
}

// The STS result as the AWS CLI prints it (4-space indent, the response's member order).
function resultJson(result: StsCredentialsResult): string {
  const { credentials: c } = result;
  const out: Record<string, unknown> = {
    Credentials: { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: isoSeconds(c.expiration) },
  };
  if (result.subjectFromWebIdentityToken !== undefined) out.SubjectFromWebIdentityToken = result.subjectFromWebIdentityToken;
  if (result.assumedRoleUser) out.AssumedRoleUser = { Arn: result.assumedRoleUser.arn, AssumedRoleId: result.assumedRoleUser.assumedRoleId };
  if (result.packedPolicySize !== undefined) out.PackedPolicySize = result.packedPolicySize;
  if (result.provider !== undefined) out.Provider = result.provider;
  if (result.audience !== undefined) out.Audience = result.audience;
  if (result.sourceIdentity !== undefined) out.SourceIdentity = result.sourceIdentity;
  return `${JSON.stringify(out, null, 4)}\n`;
}

/** An STS result in `format` for stdout; ends with a newline. */
export function renderCredentials(format: OutputFormat, result: StsCredentialsResult): string {
  return format === 'json' ? resultJson(result) : renderExports(format, result.credentials);
}
