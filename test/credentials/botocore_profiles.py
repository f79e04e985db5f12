# Resolves profiles with botocore's own credential chain and records every STS call it would make,
# without sending any: AssumeRole, AssumeRoleWithWebIdentity and SSO fetches are replaced by stubs
# that note their parameters, the source credentials and the client's region and endpoint, and
# answer with fake credentials ASIAFAKE<n> (n = the call's 1-based number in that case).
# Input on stdin: [{config, credentials, profile, env: {..}, hops: [profile names]}]
# Output on stdout: one result per case: {calls, finalKey, region, own: {name: {region, endpoint}}, error}
import datetime
import json
import os
import sys

import botocore.credentials as bc
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.configprovider import ConfiguredEndpointProvider

calls = []


def fake_credentials():
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return {'AccessKeyId': f'ASIAFAKE{len(calls)}', 'SecretAccessKey': 'fake-secret', 'SessionToken': 'fake-token', 'Expiration': expires}


def record(op, fields, client):
    calls.append({'op': op, **fields, 'region': client.meta.region_name, 'endpoint': client.meta.endpoint_url})
    return {'Credentials': fake_credentials()}


def assume_role(self):
    kwargs = dict(self._assume_kwargs)  # not _assume_role_kwargs(): that prompts for the MFA code
    client = self._create_client()
    source = self._source_credentials.get_frozen_credentials()
    return record('AssumeRole', {'roleArn': kwargs.get('RoleArn'), 'params': {k: v for k, v in kwargs.items() if k != 'RoleArn'}, 'source': source.access_key}, client)


def assume_role_with_web_identity(self):
    kwargs = dict(self._assume_kwargs)
    client = self._client_creator('sts', config=Config(signature_version=UNSIGNED))
    token_file = getattr(self._web_identity_token_loader, '_web_identity_token_path', None)
    return record('AssumeRoleWithWebIdentity', {'roleArn': kwargs.get('RoleArn'), 'params': {k: v for k, v in kwargs.items() if k != 'RoleArn'}, 'tokenFile': token_file}, client)


def sso(self):
    calls.append({'op': 'SSO'})
    return {'ProviderType': 'sso', 'Credentials': fake_credentials()}


bc.AssumeRoleCredentialFetcher._get_credentials = assume_role
bc.AssumeRoleWithWebIdentityCredentialFetcher._get_credentials = assume_role_with_web_identity
bc.SSOCredentialFetcher._get_credentials = sso


def configured(session):
    scoped = session.get_scoped_config()
    if str(scoped.get('ignore_configured_endpoint_urls', '')).lower() == 'true':
        return None
    return ConfiguredEndpointProvider(session.full_config, scoped, 'sts', environ={}).provide()


def run(case):
    for key in [k for k in os.environ if k.startswith('AWS_')]:
        del os.environ[key]
    os.environ.update({'AWS_CONFIG_FILE': case['config'], 'AWS_SHARED_CREDENTIALS_FILE': case['credentials'], 'AWS_EC2_METADATA_DISABLED': 'true'})
    os.environ.update(case.get('env', {}))
    calls.clear()
    result = {}
    try:
        own = {}
        for name in case.get('hops', []):
            try:
                hop = botocore.session.Session(profile=name)
                own[name] = {'region': hop.get_config_variable('region'), 'endpoint': configured(hop)}
            except Exception as e:
                own[name] = {'error': type(e).__name__}
        result['own'] = own
        session = botocore.session.Session(profile=case['profile'])
        result['region'] = session.get_config_variable('region')
        creds = session.get_credentials()
        result['finalKey'] = creds.get_frozen_credentials().access_key if creds else None
        result['calls'] = list(calls)
    except Exception as e:  # the comparison is about which profiles botocore refuses
        result['error'] = {'type': type(e).__name__, 'message': str(e)}
        result['calls'] = list(calls)
    return result


print(json.dumps([run(case) for case in json.load(sys.stdin)], default=str))
