# Signs every case read as JSON on stdin with botocore's SigV4Auth (the signer under the AWS CLI)
# and writes one JSON result per case to stdout. One process for the whole batch.
# Case: {method, url, headers: [[name, value], ...], body: str | null, accessKeyId, secretAccessKey,
#        sessionToken: str | null, region, service, amzDate: "YYYYMMDDTHHMMSSZ", presignExpires?: int}
# Result: {authorization, url, canonicalRequest, headers: [[name, value], ...]}
# With presignExpires the case is presigned with SigV4QueryAuth (signature in the URL) instead.
import datetime
import json
import sys

import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class Capturing:
    """Mixin: the signer unchanged, but keeps the canonical request so a mismatch can be diagnosed."""

    last_canonical = ''

    def canonical_request(self, request):
        self.last_canonical = super().canonical_request(request)
        return self.last_canonical


class CapturingSigV4Auth(Capturing, SigV4Auth):
    pass


class CapturingSigV4QueryAuth(Capturing, SigV4QueryAuth):
    pass


def sign(case):
    frozen = datetime.datetime.strptime(case['amzDate'], '%Y%m%dT%H%M%SZ')
    # add_auth reads the clock through botocore.auth.get_current_datetime (botocore >= 1.31):
    # freeze it there, so the X-Amz-Date and the scope come from the case.
    botocore.auth.get_current_datetime = lambda *args, **kwargs: frozen
    body = case['body']
    request = AWSRequest(
        method=case['method'],
        url=case['url'],
        data=None if body is None else body.encode('utf-8'),
    )
    for name, value in case['headers']:
        request.headers[name] = value  # HTTPHeaders appends: repeated names stay repeated
    credentials = Credentials(case['accessKeyId'], case['secretAccessKey'], case['sessionToken'])
    if case.get('presignExpires') is not None:
        auth = CapturingSigV4QueryAuth(credentials, case['service'], case['region'], expires=case['presignExpires'])
    else:
        auth = CapturingSigV4Auth(credentials, case['service'], case['region'])
    auth.add_auth(request)
    return {
        'authorization': request.headers.get('Authorization'),
        'url': request.url,
        'canonicalRequest': auth.last_canonical,
        'headers': [[k, v] for k, v in request.headers.items()],
    }


def main():
    cases = json.load(sys.stdin)
    json.dump([sign(case) for case in cases], sys.stdout)


if __name__ == '__main__':
    main()
