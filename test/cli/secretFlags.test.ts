// The pure half of SPEC §11's secrets on the command line: which flags are secret, where their
// values are in argv, a worker's argv without them, commander's complaints masked, the warnings.
import { describe, expect, it } from 'vitest';
import { COMMAND_FLAGS } from '../../src/cli/inputs.js';
import { longName, maskUsageMessage, secretFlags, secretFlagWarnings, secretValuesIn, withoutSecretFlags } from '../../src/cli/secretFlags.js';

describe('secret flags', () => {
  it('are the token, MFA code and mock key flags, each with its way in that is not argv (the MFA code: the prompt)', () => {
    expect(new Set(secretFlags().map(longName))).toEqual(
      new Set(['--token-code', '--auth-token', '--web-identity-token', '--secret-key', '--signing-key', '--control-token']),
    );
    const named = Object.fromEntries(secretFlags(COMMAND_FLAGS['credential-process']).map((spec) => [longName(spec), spec.secret.instead]));
    expect(named).toEqual({
      '--token-code': undefined,
      '--auth-token': 'set ECS_AUTH_TOKEN',
      '--web-identity-token': 'pass it in a file (--web-identity-token-file) or a variable (--web-identity-token-env)',
    });
    expect(Object.fromEntries(secretFlags(COMMAND_FLAGS.serve).map((spec) => [longName(spec), spec.secret.instead]))).toEqual({
      '--secret-key': 'set STS_CLI_SECRET_KEY',
      '--signing-key': 'set STS_CLI_SIGNING_KEY',
      '--auth-token': 'set STS_CLI_AUTH_TOKEN',
      '--control-token': 'set STS_CLI_CONTROL_TOKEN',
    });
  });

  it('values are found in both spellings, and only after a secret flag', () => {
    expect(secretValuesIn(['assume', '--auth-token', 'a1', '--role-arn', 'r', '--token-code=123456', '--web-identity-token', 'j', '--secret-key='])).toEqual([
      'a1',
      '123456',
      'j',
    ]);
    expect(secretValuesIn(['assume', '--auth-token'])).toEqual([]);
  });

  it('a worker’s argv keeps everything but the secret flags and their values', () => {
    const argv = ['serve', '--port', '0', '--secret-key', 's', '--signing-key=k', '--workers', '2', '--auth-token', 't', '--secret-keyx', '--log', 'json'];
    expect(withoutSecretFlags(argv, COMMAND_FLAGS.serve)).toEqual(['serve', '--port', '0', '--workers', '2', '--secret-keyx', '--log', 'json']);
  });

  it('commander’s complaints lose every secret they quote', () => {
    const argv = ['assume', '--auth-token', 'the-token-value'];
    expect(maskUsageMessage("sts-cli: unknown option '--auth-tokn=abc'", [])).toBe("sts-cli: unknown option '--auth-tokn=****'");
    expect(maskUsageMessage("sts-cli: unknown option '-xSECRET'", [])).toBe("sts-cli: unknown option '-x****'");
    expect(maskUsageMessage("sts-cli: unknown option '-x'", [])).toBe("sts-cli: unknown option '-x'");
    expect(maskUsageMessage("sts-cli: unknown command 'the-token-value'", argv)).toBe("sts-cli: unknown command '****alue'");
    expect(maskUsageMessage("option '--auth <mode>' argument 'eyJhbGciOiJFUzI1NiJ9' is invalid.", [])).toBe(
      "option '--auth <mode>' argument '****' is invalid.",
    );
    expect(maskUsageMessage("option '--format <format>' argument 'jsn' is invalid.", [])).toBe("option '--format <format>' argument 'jsn' is invalid.");
  });

  it('warn once per secret flag that came from the command line, never for the MFA code', () => {
    const given = new Set(['--auth-token <token>', '--token-code <code>']);
    expect(secretFlagWarnings(COMMAND_FLAGS.assume, (spec) => given.has(spec.flags))).toEqual([
      '--auth-token on the command line can be read by every user of this machine (ps, /proc); set ECS_AUTH_TOKEN instead.',
    ]);
    expect(secretFlagWarnings(COMMAND_FLAGS.assume, () => false)).toEqual([]);
  });
});
