// A GitHub Actions job's whole OIDC flow, offline, against the BUILT binary (SPEC §9): the mock
// serves GitHub's token endpoint; a workflow step fetches the token as GitHub's docs do it (curl
// with the request token as bearer, the JWT in the answer's `value`), sts-cli assumes the role with
// it under a real GitHub-style trust policy, and GetCallerIdentity (AWS CLI v2, and sts-cli whoami)
// sees the assumed role. Then what a refusal looks like with and without serve --explain, a trust
// policy that does not start, and the JWKS two processes sharing a signing key publish.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { AWS_CLI_V2, awsCliV2, shell, skipWithout } from '../helpers/peers.js';
import { startServe, stopAll } from '../helpers/serve.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/gha-deploy`;
const REQUEST_TOKEN = 'ghs_0123456789abcdefREQUESTTOKEN';
const config = {
  github: { requestToken: REQUEST_TOKEN, repository: 'octo-org/octo-repo' },
  roles: [
    {
      arn: ROLE,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'GitHubMain',
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*:ref:refs/heads/main' },
            },
          },
        ],
      },
    },
  ],
};

// Two `run:` steps a workflow may hold: sts-cli fetching the job's token itself (--oidc github), and
// the token fetched as GitHub's docs do it (curl, the JWT in `value`) then given as a file.
const OIDC_STEP = `set -euo pipefail
node "$STS_CLI" assume-web-identity --oidc github --endpoint-url "$STS_URL" --role-arn "$ROLE" --role-session-name "gha-$GITHUB_RUN_ID" --profile ci
node "$STS_CLI" whoami --endpoint-url "$STS_URL" --profile ci --format json
`;
const CURL_STEP = `set -euo pipefail
TOKEN=$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | jq -r .value)
printf %s "$TOKEN" > "$RUNNER_TEMP/web-identity-token"
node "$STS_CLI" assume-web-identity --endpoint-url "$STS_URL" --role-arn "$ROLE" --role-session-name "gha-$GITHUB_RUN_ID" \\
  --web-identity-token-file "$RUNNER_TEMP/web-identity-token" --format env > "$RUNNER_TEMP/aws.env"
. "$RUNNER_TEMP/aws.env"
echo "AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID" >&2
node "$STS_CLI" whoami --endpoint-url "$STS_URL" --format json
`;

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let home: ReturnType<typeof tempHome>;
beforeEach(() => {
  home = tempHome();
});
afterEach(() => {
  stopAll();
  home.cleanup();
});

const serveWith = (extra: string[] = [], cfg: unknown = config) => {
  const file = join(home.home, 'mock.json');
  writeFileSync(file, JSON.stringify(cfg));
  return startServe(['--port', '0', '--config', file, ...extra], home.env);
};

describe.skipIf(skipWithout(shell('bash')))('a GitHub Actions job against the mock', () => {
  it('token from /oidc/github with the request token → assume-web-identity (--oidc github, and curl + a token file) → credentials → GetCallerIdentity', async () => {
    const serve = serveWith();
    const url = await serve.url;
    const env = {
      ...home.env,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/oidc/github?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
      RUNNER_TEMP: home.home,
      GITHUB_RUN_ID: '4242',
      STS_CLI: BIN,
      STS_URL: url,
      ROLE,
    };
    const fetched = await bash(OIDC_STEP, env);
    expect(fetched.stderr).toContain('arn:aws:sts::123456789012:assumed-role/gha-deploy/gha-4242');
    expect(fetched.code).toBe(0);
    expect(JSON.parse(fetched.stdout)).toMatchObject({ Arn: 'arn:aws:sts::123456789012:assumed-role/gha-deploy/gha-4242', Account: ACCOUNT });

    const job = await bash(CURL_STEP, env);
    expect(job.stderr).toContain('Assumed arn:aws:sts::123456789012:assumed-role/gha-deploy/gha-4242');
    expect(job.code).toBe(0);
    expect(JSON.parse(job.stdout)).toMatchObject({ Arn: 'arn:aws:sts::123456789012:assumed-role/gha-deploy/gha-4242', Account: ACCOUNT });
    const accessKeyId = /AWS_ACCESS_KEY_ID=(ASIA[A-Z0-9]{16})/.exec(job.stderr)![1]!;

    if (!skipWithout(awsCliV2())) {
      // The same credentials in AWS CLI v2: a client nobody here wrote.
      const aws = await bash(
        `. "$RUNNER_TEMP/aws.env" && "${AWS_CLI_V2}" sts get-caller-identity --endpoint-url "$STS_URL" --region us-east-1 --output json`,
        env,
      );
      expect(aws.code, aws.stderr).toBe(0);
      expect(JSON.parse(aws.stdout)).toMatchObject({ Arn: 'arn:aws:sts::123456789012:assumed-role/gha-deploy/gha-4242', Account: ACCOUNT });
    }
    // The request token and the JWT never reach the mock's log.
    expect(serve.stderr()).toContain('GET /oidc/github');
    expect(serve.stderr()).toContain(`key=${accessKeyId}`);
    expect(serve.stderr()).not.toContain(REQUEST_TOKEN.slice(4));
    expect(serve.stderr()).not.toMatch(/eyJ[\w-]{20,}/);
  });

  it('without the request token the step fails at the token fetch; with another branch the role refuses, explained with --explain', async () => {
    const plain = serveWith();
    const url = await plain.url;
    const noToken = await bash('curl -sSf -H "Authorization: bearer wrong" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com"', {
      ...home.env,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/oidc/github?api-version=2.0`,
    });
    expect(noToken.code).toBe(22); // curl -f: HTTP 401
    const devToken = async (base: string) => {
      const r = await fetch(`${base}/oidc/github?api-version=2.0&audience=sts.amazonaws.com&ref=refs/heads/dev`, {
        headers: { authorization: `Bearer ${REQUEST_TOKEN}` },
      });
      return ((await r.json()) as { value: string }).value;
    };
    const tokenFile = join(home.home, 'token');
    const assume = (base: string) =>
      runCli(['assume-web-identity', '--endpoint-url', base, '--role-arn', ROLE, '--role-session-name', 'dev', '--web-identity-token-file', tokenFile], {
        env: home.env,
      });

    writeFileSync(tokenFile, await devToken(url));
    const refused = await assume(url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('AccessDenied');
    expect(refused.stderr).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(refused.stderr).not.toContain('(sts-cli:');
    expect(plain.stderr()).toMatch(/403 POST \/ AssumeRoleWithWebIdentity AccessDenied .*requires StringLike token\.actions\.githubusercontent\.com:sub/);

    const explaining = serveWith(['--explain']);
    const explainUrl = await explaining.url;
    writeFileSync(tokenFile, await devToken(explainUrl));
    const explained = await assume(explainUrl);
    expect(explained.code).toBe(1);
    expect(explained.stderr).toContain(
      '(sts-cli: denied sts:AssumeRoleWithWebIdentity: no Allow statement applies; the closest, Statement[0] (Sid "GitHubMain"), requires StringLike token.actions.githubusercontent.com:sub "repo:octo-org/*:ref:refs/heads/main" and saw "repo:octo-org/octo-repo:ref:refs/heads/dev")',
    );
  });
});

describe('serve with a trust policy IAM would refuse', () => {
  it('does not start: one sentence naming the file, the role and the element, exit 2', async () => {
    const bad = structuredClone(config);
    (bad.roles[0]!.trustPolicy.Statement[0] as Record<string, unknown>).Effect = 'allow';
    const serve = serveWith([], bad);
    expect(await serve.exited).toBe(2);
    const file = join(home.home, 'mock.json');
    expect(serve.stderr()).toContain(
      `Invalid trust policy in ${file} (role ${ROLE}) at roles[0].trustPolicy.Statement[0].Effect: must be "Allow" or "Deny" (got "allow").`,
    );
    expect(serve.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses an --issuer that is not an http(s) URL, exit 2', async () => {
    const serve = startServe(['--port', '0', '--issuer', 'token.actions.githubusercontent.com'], home.env);
    expect(await serve.exited).toBe(2);
    expect(serve.stderr()).toContain('The issuer (--issuer) must be an http(s) URL');
  });
});

describe('instances sharing --signing-key', () => {
  it('publish byte-identical JWKS (same kid, same x5c certificate), and honour --issuer in discovery', async () => {
    const key = ['--port', '0', '--signing-key', 'a signing key shared by two processes, 32+'];
    const [a, b] = [startServe(key, home.env), startServe([...key, '--issuer', 'https://sts.example.test'], home.env)];
    const [urlA, urlB] = await Promise.all([a.url, b.url]);
    const [jwksA, jwksB] = await Promise.all([urlA, urlB].map(async (u) => (await fetch(`${u}/jwks.json`)).text()));
    expect(jwksA).toBe(jwksB);
    const realm = await (await fetch(`${urlB}/realms/ci/protocol/openid-connect/certs`)).text();
    expect(realm).toBe(jwksA);
    const discovery = (await (await fetch(`${urlB}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: 'https://sts.example.test',
      jwks_uri: 'https://sts.example.test/jwks.json',
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
});
