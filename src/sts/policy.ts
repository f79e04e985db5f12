// The --policy argument: inline JSON, `file://path` or `@path`, checked as STS checks it.
import { InvalidParameterError } from '../errors.js';
import { limits, packedPolicyLength } from './limits.js';

/** Throws unless `policy` is JSON of 1..2048 characters once whitespace is removed. */
export function checkPolicy(policy: string): void {
  try {
    JSON.parse(policy);
  } catch {
    throw new InvalidParameterError(limits.policy.member, `${limits.policy.flag} is not valid JSON.`, {
      hint: 'Pass the JSON text itself, file://path or @path.',
    });
  }
  const length = packedPolicyLength(policy);
  if (length < limits.policy.min || length > limits.policy.max) {
    const { member, flag, min, max } = limits.policy;
    throw new InvalidParameterError(member, `${flag} must be ${min} to ${max} characters once whitespace is removed (got ${length}).`);
  }
}

/**
 * `--policy` value → the policy text: JSON as given, or the contents of `file://path` / `@path`
 * read with `readFile` (the caller's I/O edge, which throws its own FileError). Validated.
 */
export function readPolicyArgument(text: string, readFile: (path: string) => string): string {
  let policy = text;
  if (text.startsWith('file://')) policy = readFile(text.slice('file://'.length));
  else if (text.startsWith('@')) policy = readFile(text.slice(1));
  checkPolicy(policy);
  return policy;
}
