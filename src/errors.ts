// Every error sts-cli raises, each with a stable `code` to switch on and the process exit
// code of SPEC §4. Nothing below the CLI's boundary prints or exits: it throws one of these.
// Messages never carry a secret (secret key, session token, web identity token, signature).
import { isoSeconds } from './credentials/isoSeconds.js';

export const ExitCode = {
  ok: 0,
  service: 1,
  usage: 2,
  noCredentials: 3,
  network: 4,
  file: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class StsCliError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
  /** Optional second sentence: what the user can do about it. */
  readonly hint?: string;

  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.hint) this.hint = options.hint;
  }
}

/** Bad command line: unknown flag, missing argument, conflicting options. Exit 2. */
export class UsageError extends StsCliError {
  readonly code = 'ERR_USAGE';
  readonly exitCode = ExitCode.usage;
}

/** A request parameter failed its client-side check; nothing was sent. Exit 2. */
export class InvalidParameterError extends StsCliError {
  readonly code = 'ERR_INVALID_PARAMETER';
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly parameter: string,
    message: string,
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

/** No credentials could be found to sign with, or to print/run with. Exit 3. */
export class NoCredentialsError extends StsCliError {
  readonly code = 'ERR_NO_CREDENTIALS';
  readonly exitCode = ExitCode.noCredentials;
}

/**
 * A web identity token could not be had from its source (SPEC §9): a CI variable that is not set,
 * a token endpoint or token process that failed, timed out or gave something that is not a JWT.
 * Names the source, never the token or the request token. Exit 3: there is no credential to use.
 */
export class TokenSourceError extends StsCliError {
  readonly code = 'ERR_TOKEN_SOURCE';
  readonly exitCode = ExitCode.noCredentials;
  constructor(
    /** The source as the user named it: `--oidc github`, `--web-identity-token-env CI_TOKEN`. */
    readonly source: string,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options);
  }
}

/** Stored temporary credentials have expired: a profile's, or (`profile` undefined) the AWS_* variables'. Exit 3. */
export class ExpiredCredentialsError extends StsCliError {
  readonly code = 'ERR_CREDENTIALS_EXPIRED';
  readonly exitCode = ExitCode.noCredentials;
  constructor(
    readonly profile: string | undefined,
    readonly expiredAt: Date,
    options?: { hint?: string },
  ) {
    const at = isoSeconds(expiredAt);
    super(
      profile === undefined
        ? `The AWS_* credentials in the environment expired at ${at} (AWS_CREDENTIAL_EXPIRATION).`
        : `The credentials in profile "${profile}" expired at ${at}.`,
      {
        hint:
          options?.hint ??
          (profile === undefined
            ? 'Export fresh ones (eval "$(sts-cli env PROFILE)"), or unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION to sign with a profile.'
            : `Run "sts-cli assume --role-arn ROLE_ARN --profile ${profile}" again to refresh them.`),
      },
    );
  }
}

/** The STS endpoint answered with an error (after retries). Exit 1. */
export class StsServiceError extends StsCliError {
  readonly code = 'ERR_STS_SERVICE';
  readonly exitCode = ExitCode.service;
  constructor(
    /** The server's error code, e.g. `AccessDenied`; `Unknown` when the body had none. */
    readonly serviceCode: string,
    readonly serviceMessage: string,
    readonly httpStatus: number,
    readonly requestId?: string,
    options?: { hint?: string },
  ) {
    super(
      `The STS endpoint refused the request: ${serviceCode}${serviceMessage ? `: ${serviceMessage}` : ''} (HTTP ${httpStatus}${requestId ? `, request id ${requestId}` : ''}).`,
      options,
    );
  }
}

/** The endpoint answered, but not with anything STS-shaped we can read. Exit 1. */
export class UnexpectedResponseError extends StsCliError {
  readonly code: string = 'ERR_UNEXPECTED_RESPONSE';
  readonly exitCode = ExitCode.service;
  /** The HTTP status of the unreadable answer, when there was one (a 5xx is worth retrying). */
  readonly httpStatus?: number;
  constructor(message: string, options?: { cause?: unknown; hint?: string; httpStatus?: number }) {
    super(message, options);
    if (options?.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/**
 * The endpoint's answer was larger than an STS answer can be (SPEC §11: over 1 MiB); reading
 * stopped there. Not retried: another attempt would only read another megabyte. Exit 1.
 */
export class AnswerTooLargeError extends UnexpectedResponseError {
  override readonly code = 'ERR_ANSWER_TOO_LARGE';
}

/** No answer: connection refused, DNS, TLS or timeout. Exit 4. */
export class NetworkError extends StsCliError {
  readonly code = 'ERR_NETWORK';
  readonly exitCode = ExitCode.network;
  /** False for failures another attempt cannot fix, such as a rejected TLS certificate. */
  readonly retryable: boolean;
  /** What went wrong as a short phrase for a retry line ("the connection was refused"); default: the message. */
  readonly reason: string;
  /** True when no answer came within the timeout. */
  readonly timedOut: boolean;
  constructor(message: string, options?: { cause?: unknown; hint?: string; retryable?: boolean; reason?: string; timedOut?: boolean }) {
    super(message, options);
    this.retryable = options?.retryable ?? true;
    this.reason = options?.reason ?? message;
    this.timedOut = options?.timedOut ?? false;
  }
}

/** The mock could not listen where it was told (a taken or privileged port, an address not of this machine). Exit 2. */
export class ListenError extends StsCliError {
  readonly code = 'ERR_LISTEN';
  readonly exitCode = ExitCode.usage;
  constructor(
    /** `127.0.0.1:8900`, `[::1]:8900`. */
    readonly address: string,
    /** The system's code: EADDRINUSE, EACCES, EADDRNOTAVAIL. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A local file could not be read, parsed or written; it was left untouched. Exit 5. */
export class FileError extends StsCliError {
  readonly code: string = 'ERR_FILE';
  readonly exitCode = ExitCode.file;
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options);
  }
}

/**
 * A file that another local user could change or redirect (SPEC §11): the file, the target of its
 * symbolic link or a folder above it is writable by group or others, or belongs to someone else.
 * Refused and left untouched, as ssh refuses such keys. Exit 5.
 */
export class UnsafeFileError extends FileError {
  override readonly code = 'ERR_FILE_UNSAFE';
}

/** Refusal to overwrite a profile that holds long-term keys without --force. Exit 5. */
export class ProtectedProfileError extends FileError {
  override readonly code = 'ERR_PROFILE_PROTECTED';
  constructor(
    path: string,
    readonly profile: string,
  ) {
    super(path, `Profile "${profile}" in ${path} holds long-term keys (no session token); sts-cli will not overwrite it.`, {
      hint: `Pass --force to replace them, or choose another --profile.`,
    });
  }
}

/**
 * A role's trust policy in the mock's config is not one IAM would accept (MalformedPolicyDocument).
 * Names the role's place in the config and the element at fault. Exit 2, like the config's other checks.
 */
export class TrustPolicyError extends StsCliError {
  readonly code = 'ERR_TRUST_POLICY';
  readonly exitCode = ExitCode.usage;
  constructor(
    /** Where: `roles[2].trustPolicy.Statement[1].Condition.StringLike`. */
    readonly place: string,
    /** What is wrong there: `is not a condition operator IAM knows`. */
    readonly reason: string,
    options?: { source?: string; hint?: string },
  ) {
    super(`Invalid trust policy${options?.source ? ` in ${options.source}` : ''} at ${place}: ${reason}.`, {
      hint: options?.hint ?? 'The mock checks a trust policy as IAM checks one: fix that element (IAM would refuse it too).',
    });
  }
}

/** A profile name that botocore, the JS SDK or the Go SDK would read differently (SPEC §11). Exit 2. */
export class InvalidProfileNameError extends StsCliError {
  readonly code = 'ERR_PROFILE_NAME';
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly profileName: string,
    message: string,
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

/** The profile asked for, or one a source_profile names, is in neither the credentials nor the config file. Exit 2. */
export class ProfileNotFoundError extends StsCliError {
  readonly code = 'ERR_PROFILE_NOT_FOUND';
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly profile: string,
    /** The profile whose source_profile names it, when it was not asked for directly. */
    readonly referencedBy: string | undefined,
    message: string,
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

/** source_profile references that come back to a profile already on the way (`a -> b -> a`). Exit 2. */
export class ProfileLoopError extends StsCliError {
  readonly code = 'ERR_PROFILE_LOOP';
  readonly exitCode = ExitCode.usage;
  constructor(
    /** The profiles in visiting order, the repeated one last. */
    readonly profiles: readonly string[],
  ) {
    super(`The source_profile settings form a loop: ${profiles.join(' -> ')}.`, {
      hint: 'Point the last source_profile at a profile with keys, credential_process or credential_source instead.',
    });
  }
}

/** A profile's settings cannot be used as botocore reads them (conflicting or unsupported keys). Exit 2. */
export class ProfileConfigError extends StsCliError {
  readonly code = 'ERR_PROFILE_CONFIG';
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly profile: string,
    /** The key at fault, e.g. `credential_source`. */
    readonly key: string,
    message: string,
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

/**
 * A profile's credential_process could not be started, failed,
 * timed out or printed something that is not what it must print: no credentials to use. Exit 3.
 * Never quotes what the process printed (it may hold a secret).
 */
export class CredentialProcessError extends StsCliError {
  readonly code = 'ERR_CREDENTIAL_PROCESS';
  readonly exitCode = ExitCode.noCredentials;
  constructor(
    readonly profile: string,
    message: string,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options);
  }
}

/**
 * `--profile NAME` would write keys that the AWS tools would not use, or that would silently replace
 * a setting of that profile (role_arn, a web identity token, credential_process, SSO). Nothing is
 * sent; --force writes anyway. Exit 2.
 */
export class ShadowedProfileError extends StsCliError {
  readonly code = 'ERR_PROFILE_SHADOWED';
  readonly exitCode = ExitCode.usage;
  constructor(
    readonly profile: string,
    /** The setting at fault, e.g. `role_arn`. */
    readonly key: string,
    /** A name neither file uses, offered in the hint. */
    readonly freeName: string,
    message: string,
  ) {
    super(message, { hint: `Write to a free name instead (--profile ${freeName}), or pass --force to write anyway.` });
  }
}

export function isStsCliError(error: unknown): error is StsCliError {
  return error instanceof StsCliError;
}
