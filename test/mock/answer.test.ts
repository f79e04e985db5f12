// The one answer builder: every answer carries its request id (field, header, body), refusals take
// code and status from the flavor's error table, Ceph's S3 layer from a table of its own.
import { describe, expect, it } from 'vitest';
import { actionAnswer, documentAnswer, newRequestId, refusal, stsAnswer } from '../../src/mock/answer.js';
import { MockError } from '../../src/mock/errors.js';
import { flavors } from '../../src/mock/flavors.js';
import { LIST_BUCKETS } from '../../src/mock/s3.js';

const ID = 'request-id-1';
const specs = Object.values(flavors);

describe('request ids', () => {
  it('have each flavor’s style', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    let asked = 0;
    const now = () => {
      asked++;
      return at;
    };
    expect(newRequestId(flavors.aws.answer, now)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(asked).toBe(0); // only radosgw's ids hold the time
    const seconds = (at.getTime() / 1000).toString(16).padStart(10, '0');
    expect(newRequestId(flavors.ceph.answer, now)).toMatch(new RegExp(`^tx00000[0-9a-f]{16}-${seconds}-mock-default$`));
    expect(newRequestId(flavors.ecs.answer, now)).toMatch(/^[0-9a-f]{8}:[0-9a-f]{11}:[0-9a-f]{5}:[0-9a-f]$/);
  });
});

describe.each(specs.map((spec) => [spec.name, spec] as const))('the %s flavor', (_name, spec) => {
  it('sets the request id of a success in the field, the flavor’s header and the document', () => {
    const answer = stsAnswer(spec.answer, ID, 'GetCallerIdentity', { result: [['Arn', 'arn:aws:iam::1:user/u']], accessKeyId: 'AKID' });
    expect(answer).toMatchObject({ status: 200, requestId: ID, action: 'GetCallerIdentity', accessKeyId: 'AKID' });
    expect(answer.headers).toEqual({ 'content-type': spec.answer.contentType, [spec.answer.requestIdHeader]: ID });
    if (spec.answer.responseMetadata !== 'none') expect(answer.body).toContain(`<RequestId>${ID}</RequestId>`);
  });

  it('sets the request id of a refusal, with the code and status of the flavor’s table', () => {
    const answer = refusal(spec, ID, new MockError('ValidationError', 'Bad <value>', 'why'), 'AssumeRole');
    const expected = { aws: 'ValidationError', minio: 'InvalidParameterValue', ceph: 'InvalidArgument', ecs: 'ValidationError' }[spec.name];
    expect(answer).toMatchObject({ status: 400, requestId: ID, code: expected, reason: 'why', action: 'AssumeRole' });
    expect(answer.headers).toEqual({ 'content-type': spec.errors.contentType, [spec.answer.requestIdHeader]: ID });
    expect(answer.body).toContain(`<RequestId>${ID}</RequestId>`);
    expect(answer.body).toContain(`<Code>${expected}</Code>`);
    if (spec.errors.shape === 'ErrorResponse') expect(answer.body).toContain('<Message>Bad &lt;value&gt;</Message>');
    else expect(answer.body).toContain('<Message></Message>');
  });

  it('keeps AWS’s status for a code the table does not name, and says nothing of an action that was not reached', () => {
    const answer = refusal(spec, ID, new MockError('InternalFailure', 'The mock STS failed.'));
    expect(answer).toMatchObject({ status: 500, code: 'InternalFailure', reason: 'The mock STS failed.', requestId: ID });
    expect(answer).not.toHaveProperty('action');
    if (spec.errors.shape === 'ErrorResponse') expect(answer.body).toContain('<Type>Receiver</Type>');
  });
});

describe('Ceph’s S3 layer', () => {
  const ceph = flavors.ceph;
  it.each([
    ['SignatureDoesNotMatch', 403, 'SignatureDoesNotMatch', 'AccessDenied'],
    ['RequestExpired', 403, 'RequestTimeTooSkewed', 'RequestTimeTooSkewed'],
    ['InvalidClientTokenId', 403, 'AccessDenied', 'AccessDenied'],
    ['MissingAuthenticationToken', 403, 'AccessDenied', 'AccessDenied'],
    ['InternalFailure', 500, 'InternalFailure', 'InternalFailure'],
  ] as const)('answers %s as %d %s (STS layer: %s)', (mockCode, status, s3Code, stsCode) => {
    const s3 = refusal(ceph, ID, new MockError(mockCode, 'm'), LIST_BUCKETS);
    expect(s3).toMatchObject({ status, code: s3Code, action: LIST_BUCKETS, requestId: ID });
    expect(s3.headers['x-amz-request-id']).toBe(ID);
    expect(refusal(ceph, ID, new MockError(mockCode, 'm'), 'AssumeRole').code).toBe(stsCode);
  });

  it('has no S3 layer in the other flavors', () => {
    expect(refusal(flavors.aws, ID, new MockError('SignatureDoesNotMatch', 'm'), LIST_BUCKETS).code).toBe('SignatureDoesNotMatch');
    expect(refusal(flavors.minio, ID, new MockError('InvalidClientTokenId', 'm'), LIST_BUCKETS)).toMatchObject({ status: 403, code: 'InvalidClientTokenId' });
  });
});

describe('other successes', () => {
  it('an action answer carries the request id header; an OIDC document only the field', () => {
    expect(actionAnswer(flavors.ceph.answer, ID, LIST_BUCKETS, 'application/xml', '<x/>', 'AK').headers).toEqual({
      'content-type': 'application/xml',
      'x-amz-request-id': ID,
    });
    const document = documentAnswer(ID, 'application/json', '{}');
    expect(document).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{}', requestId: ID });
  });
});
