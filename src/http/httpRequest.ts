// One HTTP exchange bounded in time (one timeout for the whole of it) and in size (SPEC §11): the
// answer, or what went wrong as a short phrase. Never throws, never quotes what the error carried.
import type { Dispatcher } from 'undici';
import { MAX_ANSWER_BYTES } from '../sts/limits.js';
import { codeOf, failurePhrase, isCertificateCode } from '../sts/networkError.js';
import { readAnswerBody } from '../sts/readAnswer.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Largest answer read; default MAX_ANSWER_BYTES (1 MiB). */
  limit?: number;
}

export interface HttpAnswer {
  ok: true;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpFailure {
  ok: false;
  /** `timeout`: no (whole) answer in time; `too-large`: over the limit, not read further; `tls`: its certificate was not accepted; `network`: no answer. */
  kind: 'timeout' | 'network' | 'tls' | 'too-large';
  /** `the connection was refused`, `no answer within 5 s`, `the answer is over 1 MiB`. */
  phrase: string;
  /** The error code behind a network failure, when there is one: `ECONNREFUSED`. */
  code?: string;
  /** The HTTP status, when a too-large answer had one. */
  status?: number;
}

export type HttpOutcome = HttpAnswer | HttpFailure;

/** Sends `request` through `agent`; the answer (any status) or a failure. */
export async function httpRequest(agent: Dispatcher, request: HttpRequest): Promise<HttpOutcome> {
  const url = new URL(request.url);
  const limit = request.limit ?? MAX_ANSWER_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      body: request.body ?? null,
      signal: controller.signal,
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
    });
    const body = await readAnswerBody(response.body, response.headers['content-length'], limit);
    if (body === null) return { ok: false, kind: 'too-large', phrase: `the answer is over ${formatBytes(limit)}`, status: response.statusCode };
    return { ok: true, status: response.statusCode, headers: response.headers, body };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, kind: 'timeout', phrase: `no answer within ${request.timeoutMs / 1000} s` };
    const code = codeOf(error);
    return { ok: false, kind: isCertificateCode(code) ? 'tls' : 'network', phrase: failurePhrase(error), ...(code !== undefined ? { code } : {}) };
  } finally {
    clearTimeout(timer);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** A header's value as one string (the first of several). */
export function headerValue(headers: HttpAnswer['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
