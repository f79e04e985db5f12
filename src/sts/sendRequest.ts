// Sends one built STS request and reads its answer, bounded in time (one timeout per attempt) and
// in size (SPEC §11). Every failure becomes one NetworkError or AnswerTooLargeError sentence; the
// answer is traced (redacted, escaped) when --debug is on.
import type { Dispatcher } from 'undici';
import { timeoutError, toNetworkError } from './networkError.js';
import { answerTooLargeError, readAnswerBody } from './readAnswer.js';
import type { StsHttpRequest } from './request.js';
import { schemeMismatch } from './tlsProbe.js';
import { traceResponse } from './trace.js';
import type { StsAnswer } from './xml.js';

export interface SendOptions {
  /** The endpoint as configured, for messages. */
  endpoint: string;
  timeoutMs: number;
  /** True when a proxy carries plain http:// requests: a dropped connection is then not probed for TLS. */
  viaProxy: boolean;
  /** Values the trace masks wherever they appear. */
  secrets: readonly string[];
  debug?: (line: string) => void;
}

/** One attempt: the answer (any status), or a thrown NetworkError (exit 4) or AnswerTooLargeError (exit 1). */
export async function sendRequest(agent: Dispatcher, request: StsHttpRequest, options: SendOptions): Promise<StsAnswer> {
  const url = new URL(request.url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let response: Dispatcher.ResponseData;
  let body: string | null;
  try {
    response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    body = await readAnswerBody(response.body, response.headers['content-length']);
  } catch (error) {
    const failure = controller.signal.aborted
      ? timeoutError(options.endpoint, options.timeoutMs)
      : ((await schemeMismatch(error, options.endpoint, options)) ?? toNetworkError(error, options.endpoint));
    options.debug?.(`! ${failure.message}`);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
  if (options.debug) traceResponse(options.debug, response.statusCode, response.headers, body ?? '', options.secrets);
  if (body === null) {
    const tooLarge = answerTooLargeError(options.endpoint, response.statusCode);
    options.debug?.(`! ${tooLarge.message}`);
    throw tooLarge;
  }
  const requestIdHeader = response.headers['x-amz-request-id'];
  return { status: response.statusCode, body, ...(typeof requestIdHeader === 'string' ? { requestIdHeader } : {}) };
}
