// Ceph's gateway treats a GET as S3 (ListBuckets), not STS: the ceph flavor answers it the same
// way, which also proves temporary credentials work end to end, as the recorded answers do.
import { authenticate } from './auth.js';
import { renderNode } from './xml.js';
import type { MockContext, MockRequest } from './context.js';

/** The S3 layer's one action, as the log names it; refusals of an `S3:…` action take the flavor's S3 error codes. */
export const LIST_BUCKETS = 'S3:ListBuckets';

/** ListBuckets of the caller, who signed for any service (Ceph checks none). */
export function listBuckets(ctx: MockContext, req: MockRequest): { contentType: string; body: string; accessKeyId: string } {
  const caller = authenticate(ctx, req, null, 'unsigned-allowed');
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
  return { contentType: 'application/xml', body, accessKeyId: caller.accessKeyId };
}
