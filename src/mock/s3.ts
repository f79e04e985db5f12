// Ceph's gateway treats a GET as S3 (ListBuckets), not STS: the ceph flavor answers it the same
// way, which also proves temporary credentials work end to end, as the recorded answers do.
import { authenticate, type Principal } from './auth.js';
import { MockError } from './errors.js';
import { renderNode } from './xml.js';
import type { MockContext, MockRequest, MockResponse } from './context.js';

// The S3 layer names its refusals differently from Ceph's STS layer.
const S3_CODES: Record<string, { code: string; status: number }> = {
  SignatureDoesNotMatch: { code: 'SignatureDoesNotMatch', status: 403 },
  RequestExpired: { code: 'RequestTimeTooSkewed', status: 403 },
};

export class S3Refusal extends Error {
  constructor(
    readonly s3Code: string,
    readonly status: number,
    readonly cause: MockError,
  ) {
    super(cause.message);
  }
}

export function listBuckets(ctx: MockContext, req: MockRequest): MockResponse & { accessKeyId: string } {
  let caller: Principal;
  try {
    caller = authenticate(ctx, req, null);
  } catch (error) {
    if (error instanceof MockError) {
      const mapped = S3_CODES[error.code] ?? { code: 'AccessDenied', status: 403 };
      throw new S3Refusal(mapped.code, mapped.status, error);
    }
    throw error;
  }
  const owner = ctx.directory.users.get(caller.accessKeyId);
  const buckets = (ctx.directory.buckets ?? []).map(
    (b) =>
      [
        'Bucket',
        [
          ['Name', b.name],
          ['CreationDate', b.creationDate],
        ],
      ] as const,
  );
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    renderNode([
      'Owner',
      [
        ['ID', caller.owner],
        ['DisplayName', owner?.displayName ?? ''],
      ],
    ]) +
    renderNode(['Buckets', buckets]) +
    '</ListAllMyBucketsResult>';
  return { status: 200, headers: { 'content-type': 'application/xml' }, body, accessKeyId: caller.accessKeyId, action: 'S3:ListBuckets' };
}
