"""boto3 (a client nobody here wrote) against `sts-cli serve --tls`, trusting the mock's CA with
verify=CAFILE, then without it. Prints one JSON object.

  python3 boto3_tls.py URL CAFILE ROLE_ARN WEB_IDENTITY_TOKEN
"""
import json
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import SSLError

url, cafile, role, token = sys.argv[1:5]


def client(verify, unsigned=False, **keys):
    config = Config(retries={"total_max_attempts": 1}, **({"signature_version": UNSIGNED} if unsigned else {}))
    return boto3.client("sts", endpoint_url=url, region_name="us-east-1", verify=verify, config=config, **keys)


user = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
out = {}
c = client(cafile, **user).assume_role(RoleArn=role, RoleSessionName="boto3-tls")["Credentials"]
temp = {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"], "aws_session_token": c["SessionToken"]}
out["whoami_temp"] = client(cafile, **temp).get_caller_identity()["Arn"]
web = client(cafile, unsigned=True).assume_role_with_web_identity(RoleArn=role, RoleSessionName="boto3-web", WebIdentityToken=token)
out["web_subject"] = web["SubjectFromWebIdentityToken"]

refused = {}
calls = {
    "AssumeRole": lambda: client(True, **user).assume_role(RoleArn=role, RoleSessionName="boto3-tls"),
    "GetCallerIdentity": lambda: client(True, **user).get_caller_identity(),
    "AssumeRoleWithWebIdentity": lambda: client(True, unsigned=True).assume_role_with_web_identity(
        RoleArn=role, RoleSessionName="boto3-web", WebIdentityToken=token
    ),
}
for name, call in calls.items():
    try:
        call()
        refused[name] = "no error"
    except SSLError as e:
        refused[name] = "CERTIFICATE_VERIFY_FAILED" if "CERTIFICATE_VERIFY_FAILED" in str(e) else str(e)
out["without_ca"] = refused
print(json.dumps(out))
