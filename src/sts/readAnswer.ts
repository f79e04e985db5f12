// Reads an answer's body with a bound (SPEC §11): an STS answer is a few kilobytes, so anything
// over MAX_ANSWER_BYTES is dropped at once, whether its Content-Length says so, lies, or is absent
// (chunked). Only the bytes below the bound are ever held in memory.
import { AnswerTooLargeError } from '../errors.js';
import { MAX_ANSWER_BYTES } from './limits.js';
import { displayEndpoint } from './networkError.js';

/** A response body as undici hands it over: chunks to iterate, and a way to drop the rest. */
export interface BodyStream extends AsyncIterable<Buffer | Uint8Array> {
  destroy(error?: Error): unknown;
}

/** The body as UTF-8 text, or `null` when it is over `limit` bytes: then it is destroyed unread (with its connection). */
export async function readAnswerBody(body: BodyStream, contentLength: string | string[] | undefined, limit = MAX_ANSWER_BYTES): Promise<string | null> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // Leaving the loop destroys the stream: nothing more is read.
    if (size > limit) return null;
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** `the answer is too large` (SPEC §11), naming the endpoint and the bound. */
export function answerTooLargeError(endpoint: string, status: number, limit = MAX_ANSWER_BYTES): AnswerTooLargeError {
  return new AnswerTooLargeError(
    `The STS endpoint ${displayEndpoint(endpoint)} sent more than ${limit / (1024 * 1024)} MiB (HTTP ${status}): the answer is too large, so sts-cli stopped reading it.`,
    { hint: 'An STS answer is a few kilobytes: is --endpoint-url an STS endpoint?' },
  );
}
