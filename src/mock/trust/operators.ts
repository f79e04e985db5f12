// IAM's condition operators as data: each one's family (how its values are read), whether it is
// negated, whether policy variables apply, and how one request value matches one policy value.
// Negated operators are their positive twin's result inverted (IAM: negated values are a NOR).
import { isIP } from 'node:net';
import { matchArn, matchPieces, splitArn, type PatternPiece } from './wildcard.js';
import { inCidr, readBase64, readBool, readCidr, readDate, readNumber } from './values.js';
import type { BaseOperator, SetOperator } from './types.js';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface OperatorSpec {
  family: OperatorFamily;
  negated: boolean;
  /** `${…}` in its values is substituted (IAM: string and ARN operators, Version 2012-10-17). */
  variables: boolean;
  /** One request value against one policy value: null when the request value is not of the family's type. */
  matches(seen: string, expected: readonly PatternPiece[]): boolean | null;
}

const text = (pieces: readonly PatternPiece[]) => pieces.map((p) => p.text).join('');

function compare(read: (t: string) => number | null, test: (a: number, b: number) => boolean) {
  return (seen: string, expected: readonly PatternPiece[]): boolean | null => {
    const a = read(seen);
    const b = read(text(expected));
    return a === null || b === null ? null : test(a, b);
  };
}

const stringEquals = (seen: string, expected: readonly PatternPiece[]) => seen === text(expected);
const stringEqualsIgnoreCase = (seen: string, expected: readonly PatternPiece[]) => seen.toLowerCase() === text(expected).toLowerCase();
const stringLike = (seen: string, expected: readonly PatternPiece[]) => matchPieces(expected, seen);
const bool = (seen: string, expected: readonly PatternPiece[]) => {
  const a = readBool(seen);
  return a === null ? null : a === readBool(text(expected));
};
const binary = (seen: string, expected: readonly PatternPiece[]) => readBase64(text(expected))?.equals(Buffer.from(seen, 'utf8')) ?? false;
const ipAddress = (seen: string, expected: readonly PatternPiece[]) => {
  if (isIP(seen) === 0) return null;
  const range = readCidr(text(expected));
  return range === null ? false : inCidr(range, seen);
};
const arn = (seen: string, expected: readonly PatternPiece[]) => (splitArn(seen) === null ? null : matchArn(expected, seen));

const eq = (a: number, b: number) => a === b;
const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;

function spec(family: OperatorFamily, matches: OperatorSpec['matches'], negated = false): OperatorSpec {
  return { family, negated, variables: family === 'String' || family === 'Arn', matches };
}

export const OPERATORS: Readonly<Record<BaseOperator, OperatorSpec>> = {
  StringEquals: spec('String', stringEquals),
  StringNotEquals: spec('String', stringEquals, true),
  StringEqualsIgnoreCase: spec('String', stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: spec('String', stringEqualsIgnoreCase, true),
  StringLike: spec('String', stringLike),
  StringNotLike: spec('String', stringLike, true),
  NumericEquals: spec('Numeric', compare(readNumber, eq)),
  NumericNotEquals: spec('Numeric', compare(readNumber, eq), true),
  NumericLessThan: spec('Numeric', compare(readNumber, lt)),
  NumericLessThanEquals: spec('Numeric', compare(readNumber, le)),
  NumericGreaterThan: spec('Numeric', compare(readNumber, gt)),
  NumericGreaterThanEquals: spec('Numeric', compare(readNumber, ge)),
  DateEquals: spec('Date', compare(readDate, eq)),
  DateNotEquals: spec('Date', compare(readDate, eq), true),
  DateLessThan: spec('Date', compare(readDate, lt)),
  DateLessThanEquals: spec('Date', compare(readDate, le)),
  DateGreaterThan: spec('Date', compare(readDate, gt)),
  DateGreaterThanEquals: spec('Date', compare(readDate, ge)),
  Bool: spec('Bool', bool),
  BinaryEquals: spec('Binary', binary),
  IpAddress: spec('IpAddress', ipAddress),
  NotIpAddress: spec('IpAddress', ipAddress, true),
  ArnEquals: spec('Arn', arn),
  ArnLike: spec('Arn', arn),
  ArnNotEquals: spec('Arn', arn, true),
  ArnNotLike: spec('Arn', arn, true),
  // Null tests presence, never a value (conditions.ts).
  Null: spec('Null', () => null),
};

export const OPERATOR_NAMES = Object.keys(OPERATORS) as BaseOperator[];

const byLowerName = new Map(OPERATOR_NAMES.map((name) => [name.toLowerCase(), name]));

export interface OperatorName {
  base: BaseOperator;
  set: SetOperator | null;
  ifExists: boolean;
  /** Canonical spelling, e.g. `ForAnyValue:StringLikeIfExists`. */
  canonical: string;
}

/** `ForAnyValue:StringLikeIfExists` → its parts; null for a name IAM does not know. Case-insensitive. */
export function parseOperatorName(name: string): OperatorName | null {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i.exec(name);
  if (!m) return null;
  const base = byLowerName.get(m[2]!.toLowerCase());
  if (!base) return null;
  const set = m[1] === undefined ? null : m[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
  const ifExists = m[3] !== undefined;
  return { base, set, ifExists, canonical: `${set ? `${set}:` : ''}${base}${ifExists ? 'IfExists' : ''}` };
}

/** Why a policy value cannot serve this operator, or null when it can. */
export function checkOperatorValue(family: OperatorFamily, value: string): string | null {
  switch (family) {
    case 'Numeric':
      return readNumber(value) === null ? 'is not a number' : null;
    case 'Date':
      return readDate(value) === null ? 'is not a date (ISO 8601 such as 2025-01-31T12:00:00Z, or epoch seconds)' : null;
    case 'Bool':
    case 'Null':
      return readBool(value) === null ? 'must be "true" or "false"' : null;
    case 'IpAddress':
      return readCidr(value) === null ? 'is not an IP address or CIDR range' : null;
    case 'Binary':
      return readBase64(value) === null ? 'is not base64' : null;
    default:
      return null;
  }
}
