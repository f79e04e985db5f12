// Profile names that botocore, the JS SDK v3 or the Go SDK v2 would read differently (SPEC §11),
// found by reading their INI readers:
// - botocore (configparser) keeps `[ x ]` as " x " where Go trims it; a `#` or `;` starts a comment
//   for Go anywhere on a header line, and for the JS SDK after a space;
// - the JS SDK splits a header at its first white space (`[my name]` is section type "my") and
//   keeps its sections in plain objects (`__proto__` refused, `constructor`, `prototype` inherited);
// - in the config file botocore splits `[profile NAME]` with shlex (quotes and backslashes are
//   syntax, a space makes three words) and the JS SDK reads a `[profile NAME]` only when NAME is
//   made of letters, digits and _ - @ + . % : / (ASCII); any other header it ignores.
import { InvalidProfileNameError } from '../errors.js';

/** Where the name is used: the credentials file's `[NAME]` only, or (also) the config file's `[profile NAME]`. */
export type ProfileNameScope = 'credentials' | 'config';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const CONFIG_SAFE = /^[A-Za-z0-9_\-@+.%:/]+$/;
// Made once: a regular expression literal in a function is a new object at every call, and
// `sts-cli list` asks about every profile name.
const OUTER_SPACE = /^\s|\s$/u;
const SPACE = /\s/u;
const BRACKET = /[[\]]/;
const COMMENT = /[#;]/;

function escapeChar(c: string): string {
  return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/** The name in double quotes with control characters escaped: safe in a message on a terminal. */
export function quoteProfileName(name: string): string {
  return `"${name.replace(new RegExp(CONTROL.source, 'gu'), escapeChar)}"`;
}

/** Why `name` cannot be used in `scope` (a fragment: "contains …"), or undefined when it can. */
export function profileNameProblem(name: string, scope: ProfileNameScope = 'config'): string | undefined {
  if (name === '') return 'is empty';
  if (RESERVED.has(name)) return 'is a name every JavaScript object has, which the JS SDK cannot read as a profile';
  const control = CONTROL.exec(name);
  if (control) return `contains the control character ${escapeChar(control[0])}`;
  if (OUTER_SPACE.test(name)) return 'starts or ends with white space, which the Go SDK trims and botocore keeps';
  if (SPACE.test(name)) return 'contains white space, at which the JS and Go SDKs split a section header';
  const bracket = BRACKET.exec(name);
  if (bracket) return `contains "${bracket[0]}", which delimits a section header`;
  const comment = COMMENT.exec(name);
  if (comment) return `contains "${comment[0]}", which starts a comment for the Go and JS SDKs`;
  if (scope === 'config' && !CONFIG_SAFE.test(name)) {
    const bad = [...name].find((c) => !CONFIG_SAFE.test(c))!;
    const quoting = ({ '"': 'a double quote', "'": 'a single quote', '\\': 'a backslash' } as Record<string, string>)[bad];
    if (quoting) return `contains ${quoting}, which botocore reads as quoting in a [profile NAME] header`;
    return `contains "${bad}", which the JS SDK does not accept in a [profile NAME] header`;
  }
  return undefined;
}

/**
 * Refuses (InvalidProfileNameError, exit 2) a profile name that botocore, the JS SDK or the Go SDK
 * would read differently. Call it for every name sts-cli reads or writes; `scope: 'credentials'`
 * when the name is only ever looked up in (or written to) the credentials file.
 */
export function checkProfileName(name: string, options: { scope?: ProfileNameScope; flag?: string } = {}): void {
  const problem = profileNameProblem(name, options.scope);
  if (problem === undefined) return;
  throw new InvalidProfileNameError(
    name,
    `The profile name ${quoteProfileName(name)}${options.flag ? ` (${options.flag})` : ''} cannot be used: it ${problem}.`,
    {
      hint: 'Choose a name made of letters, digits and - _ . @ + % : / only, which every AWS tool reads the same way.',
    },
  );
}
