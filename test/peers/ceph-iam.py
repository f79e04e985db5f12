#!/usr/bin/env python3
"""Sets up the identities of a throw-away radosgw through its IAM API (used by ceph-rgw.sh).

Stdlib only (no botocore: CI's python may lack it). radosgw-admin cannot set a role's
MaxSessionDuration, the gateway's CreateRole can, so every role and policy goes through IAM.

usage: ceph-iam.py ENDPOINT ACCESS_KEY SECRET_KEY UID ROLE_NAME PATH_ROLE_PATH PATH_ROLE_NAME
prints one JSON line: {"roleArn": ..., "pathRoleArn": ...}
"""
import datetime
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET


def sign_and_post(endpoint, access_key, secret_key, params):
    body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote).encode()
    host = urllib.parse.urlparse(endpoint).netloc
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime('%Y%m%dT%H%M%SZ')
    scope = f"{amz_date[:8]}/us-east-1/iam/aws4_request"
    content_type = 'application/x-www-form-urlencoded; charset=utf-8'
    payload_hash = hashlib.sha256(body).hexdigest()
    canonical = '\n'.join([
        'POST', '/', '',
        f'content-type:{content_type}', f'host:{host}', f'x-amz-date:{amz_date}', '',
        'content-type;host;x-amz-date', payload_hash,
    ])
    to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ('AWS4' + secret_key).encode()
    for part in (amz_date[:8], 'us-east-1', 'iam', 'aws4_request'):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(endpoint + '/', data=body, method='POST', headers={
        'Content-Type': content_type,
        'X-Amz-Date': amz_date,
        'Authorization': f'AWS4-HMAC-SHA256 Credential={access_key}/{scope}, '
                         f'SignedHeaders=content-type;host;x-amz-date, Signature={signature}',
    })
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"ceph-iam: {params['Action']} failed: HTTP {error.code} {error.read().decode()[:500]}")


def call(endpoint, access_key, secret_key, params, attempts=20):
    # A freshly created user may take a moment to be visible to the gateway: retry AccessDenied briefly.
    for attempt in range(attempts):
        try:
            return sign_and_post(endpoint, access_key, secret_key, params)
        except SystemExit as error:
            if attempt == attempts - 1 or 'HTTP 403' not in str(error):
                raise
            time.sleep(0.25)
    raise AssertionError('unreachable')


def arn_of(xml_text):
    for element in ET.fromstring(xml_text).iter():
        if element.tag.split('}')[-1] == 'Arn' and element.text:
            return element.text
    raise SystemExit(f'ceph-iam: no Arn in CreateRole answer: {xml_text[:300]}')


def main():
    endpoint, access_key, secret_key, uid, role_name, path, path_role_name = sys.argv[1:8]
    trust = json.dumps({
        'Version': '2012-10-17',
        'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': [f'arn:aws:iam:::user/{uid}']}, 'Action': ['sts:AssumeRole']}],
    })
    s3_all = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['s3:*'], 'Resource': ['*']}]})
    sts_session = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['sts:GetSessionToken'], 'Resource': ['*']}]})
    creds = (endpoint, access_key, secret_key)

    role_arn = arn_of(call(*creds, {'Action': 'CreateRole', 'Version': '2010-05-08', 'RoleName': role_name,
                                    'AssumeRolePolicyDocument': trust}))
    call(*creds, {'Action': 'PutRolePolicy', 'Version': '2010-05-08', 'RoleName': role_name,
                  'PolicyName': 'S3All', 'PolicyDocument': s3_all})
    path_role_arn = arn_of(call(*creds, {'Action': 'CreateRole', 'Version': '2010-05-08', 'RoleName': path_role_name,
                                         'Path': path, 'MaxSessionDuration': '43200',
                                         'AssumeRolePolicyDocument': trust}))
    call(*creds, {'Action': 'PutRolePolicy', 'Version': '2010-05-08', 'RoleName': path_role_name,
                  'PolicyName': 'S3All', 'PolicyDocument': s3_all})
    call(*creds, {'Action': 'PutUserPolicy', 'Version': '2010-05-08', 'UserName': uid,
                  'PolicyName': 'AllowGetSessionToken', 'PolicyDocument': sts_session})
    print(json.dumps({'roleArn': role_arn, 'pathRoleArn': path_role_arn}))


if __name__ == '__main__':
    main()
