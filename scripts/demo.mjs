// npm run demo: the whole product in one command. Starts the mock STS in-process, assumes a role
// into a profile of a throw-away credentials file, prints the profile as exports, runs a command
// with it, and stops. Nothing outside a temporary folder is touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockSts } from '../dist/index.js';

const bin = new URL('../bin/sts-cli.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'sts-cli-demo-'));
const sts = await startMockSts({ port: 0 });
const env = {
  ...process.env,
  HOME: home,
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
  AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  AWS_ACCESS_KEY_ID: sts.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sts.secretAccessKey,
  AWS_ENDPOINT_URL_STS: sts.url,
  NO_COLOR: '1',
};
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;

function step(title, args) {
  console.log(`\n$ sts-cli ${args.join(' ')}    # ${title}`);
  const output = execFileSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(output);
  return output;
}

try {
  console.log(`mock STS running at ${sts.url} (access key "${sts.accessKeyId}"); temporary HOME ${home}`);
  step('AssumeRole, signed with SigV4, written to a profile', ['assume', '--role-arn', 'arn:aws:iam::000000000000:role/demo', '--role-session-name', 'demo', '--duration', '1h', '--profile', 'demo']);
  console.log(`\n${env.AWS_SHARED_CREDENTIALS_FILE} now holds (secrets shortened here):`);
  console.log(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8').replace(/^(aws_(?:secret_access_key|session_token) = \S{4})\S+/gm, '$1…'));
  step('the profile as shell exports: eval "$(sts-cli env --profile demo)"', ['env', '--profile', 'demo']);
  step('who the temporary credentials belong to (GetCallerIdentity)', ['whoami', '--profile', 'demo']);
  step('run a command with them', ['exec', '--profile', 'demo', '--', process.execPath, '-e', 'console.log("child sees AWS_ACCESS_KEY_ID=" + process.env.AWS_ACCESS_KEY_ID)']);
  const jwt = await sts.mintWebIdentityToken({ sub: 'ci-pipeline', aud: 'sts-cli' });
  step('AssumeRoleWithWebIdentity with a token from the mock\'s own OIDC issuer', ['assume-web-identity', '--role-arn', 'arn:aws:iam::000000000000:role/ci', '--web-identity-token', jwt, '--format', 'json']);
  console.log('\nDemo finished: every step above ran against the mock STS.');
} finally {
  await sts.close();
  rmSync(home, { recursive: true, force: true });
}
