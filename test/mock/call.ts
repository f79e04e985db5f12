// Drives the mock as a client would: the form encoded strictly, signed with src/sigv4, sent with fetch.
import { XMLParser } from 'fast-xml-parser';
import { signRequest } from '../../src/sigv4/index.js';
import type { SigningCredentials } from '../../src/sigv4/index.js';

export const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

export function encodeForm(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export interface CallOptions {
  credentials?: SigningCredentials | null;
  region?: string;
  service?: string;
  now?: Date;
  path?: string;
  headers?: Record<string, string>;
  /** Raw body instead of the encoded params. */
  body?: string;
  /** Headers sent in place of the signed ones' values (a request changed after signing). */
  sendHeaders?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed XML, namespaces/prefixes removed. */
  xml: Record<string, any>;
  /** Error code, whichever shape. */
  code?: string;
}

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });

export function readAnswer(status: number, headers: Headers, text: string): Answer {
  let xml: Record<string, any> = {};
  try {
    xml = parser.parse(text);
  } catch {
    // not XML
  }
  const code = xml.ErrorResponse?.Error?.Code ?? xml.Error?.Code;
  return { status, headers, text, xml, ...(code ? { code } : {}) };
}

export async function call(baseUrl: string, params: Record<string, string>, options: CallOptions = {}): Promise<Answer> {
  const body = options.body ?? encodeForm(params);
  const url = `${baseUrl}${options.path ?? '/'}`;
  let headers: Record<string, string> = { 'content-type': FORM, ...options.headers };
  if (options.credentials !== null) {
    const signed = signRequest(
      { method: 'POST', url, headers, body },
      {
        credentials: options.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' },
        region: options.region ?? 'us-east-1',
        service: options.service ?? 'sts',
        now: options.now ?? new Date(),
      },
    );
    headers = signed.headers;
  }
  const { host: _host, ...sendable } = { ...headers, ...options.sendHeaders };
  const response = await fetch(url, { method: 'POST', headers: sendable, body });
  return readAnswer(response.status, response.headers, await response.text());
}

/** The temporary credentials of a successful AssumeRole, AssumeRoleWithWebIdentity or GetSessionToken answer. */
export function credentialsOf(answer: Answer): SigningCredentials & { expiration: string } {
  const c = resultOf(answer).Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

export function resultOf(answer: Answer): Record<string, any> {
  const root = Object.entries(answer.xml).find(([k, v]) => !k.startsWith('?') && typeof v === 'object')![1] as Record<string, any>;
  return Object.entries(root).find(([k]) => k.endsWith('Result'))![1];
}

export const ROLE = 'arn:aws:iam::123456789012:role/demo';
export const assumeParams = (extra: Record<string, string> = {}) => ({
  Action: 'AssumeRole',
  Version: '2011-06-15',
  RoleArn: ROLE,
  RoleSessionName: 's1',
  ...extra,
});
