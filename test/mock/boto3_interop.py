# boto3 (a client nobody here wrote) against the mock: the three actions, then the refusals as
# botocore reports them. Prints one JSON object. argv: aws-url role-arn web-token foreign-token minio-url
import json
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

url, role, token, foreign, minio_url = sys.argv[1:6]
common = dict(endpoint_url=url, region_name="us-east-1")
out = {}


def client(**kw):
    return boto3.client("sts", **{**common, **kw})


def code(fn):
    try:
        fn()
        return "no error"
    except ClientError as e:
        return e.response["Error"]["Code"]


sts = client(aws_access_key_id="test", aws_secret_access_key="test")
r = sts.assume_role(RoleArn=role, RoleSessionName="boto3", DurationSeconds=900)
c = r["Credentials"]
out["assume_role"] = {"arn": r["AssumedRoleUser"]["Arn"], "akid": c["AccessKeyId"], "expiration": c["Expiration"].isoformat()}
temp = client(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
out["whoami_temp"] = temp.get_caller_identity()["Arn"]
out["whoami_user"] = sts.get_caller_identity()["Arn"]
s = sts.get_session_token()["Credentials"]
out["session_token_akid"] = s["AccessKeyId"]
anon = client(config=Config(signature_version=UNSIGNED))
w = anon.assume_role_with_web_identity(RoleArn=role, RoleSessionName="boto3-web", WebIdentityToken=token)
out["web"] = {"arn": w["AssumedRoleUser"]["Arn"], "subject": w["SubjectFromWebIdentityToken"], "audience": w["Audience"]}
out["wrong_secret"] = code(lambda: client(aws_access_key_id="test", aws_secret_access_key="nope").assume_role(RoleArn=role, RoleSessionName="x1"))
out["unknown_key"] = code(lambda: client(aws_access_key_id="AKIANOSUCHKEY0000000", aws_secret_access_key="test").assume_role(RoleArn=role, RoleSessionName="x1"))
out["foreign_jwt"] = code(lambda: anon.assume_role_with_web_identity(RoleArn=role, RoleSessionName="x1", WebIdentityToken=foreign))
out["chained_3601"] = code(lambda: temp.assume_role(RoleArn=role, RoleSessionName="x2", DurationSeconds=3601))
m = boto3.client("sts", endpoint_url=minio_url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
mr = m.assume_role(RoleArn="arn:xxx:xxx:xxx:xxxx", RoleSessionName="anything")
out["minio"] = {"arn": mr["AssumedRoleUser"]["Arn"], "akid": mr["Credentials"]["AccessKeyId"]}
print(json.dumps(out))
