// npm run demo: the whole product in one command. Starts the mock STS in-process, assumes a role
// into a profile of a throw-away credentials file, prints the profile as exports, runs a command
// with it, and stops. Nothing outside a temporary folder is touched.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Asynchronous on purpose: the mock answers from this very process, so it must not be blocked.
const shown = (arg) => (/[^\w@%+=:,./-]/.test(arg) ? `'${arg}'` : arg);

// Secret keys and session tokens are shortened wherever the demo shows them.
const SECRET =
  /((?:aws_secret_access_key|aws_session_token) = |(?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)=['"]?|"(?:SecretAccessKey|SessionToken)": ?")([^\s'"]{4})[^\s'"]+/g;
const shorten = (text) => text.replace(SECRET, '$1$2…');

async function step(title, args) {
  console.log(`\n# ${title}\n$ sts-cli ${args.map(shown).join(' ')}`);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  process.stdout.write(shorten(stdout));
  process.stdout.write(shorten(stderr));
  return stdout;
}

try {
  console.log(`mock STS running at ${sts.url} (access key "${sts.accessKeyId}"); temporary HOME ${home}`);
  console.log('"sts-cli" below is ./bin/sts-cli.js of this checkout (`npm install -g .` puts it on your PATH, as the README says); secrets are shortened.');
  await step('AssumeRole, signed with SigV4, written to a profile', [
    'assume',
    '--role-arn',
    'arn:aws:iam::000000000000:role/demo',
    '--role-session-name',
    'demo',
    '--duration',
    '1h',
    '--profile',
    'demo',
  ]);
  console.log(`\n${env.AWS_SHARED_CREDENTIALS_FILE} now holds:`);
  console.log(shorten(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, 'utf8')));
  await step('the profile as shell exports: eval "$(sts-cli env --profile demo)"', ['env', '--profile', 'demo']);
  await step('who the temporary credentials belong to (GetCallerIdentity)', ['whoami', '--profile', 'demo']);
  await step('run a command with them', [
    'exec',
    '--profile',
    'demo',
    '--',
    process.execPath,
    '-e',
    'console.log("child sees AWS_ACCESS_KEY_ID=" + process.env.AWS_ACCESS_KEY_ID)',
  ]);
  const tokenFile = join(home, 'token');
  console.log(
    `\n# a CI job's OIDC token, from the mock's own issuer, into a file (never on a command line)\n$ curl -s -X POST ${sts.url}/oidc/token -d sub=ci-pipeline > ${tokenFile}`,
  );
  const jwt = await (await fetch(`${sts.url}/oidc/token`, { method: 'POST', body: new URLSearchParams({ sub: 'ci-pipeline' }) })).text();
  writeFileSync(tokenFile, jwt, { mode: 0o600 });
  await step('AssumeRoleWithWebIdentity with that token', [
    'assume-web-identity',
    '--role-arn',
    'arn:aws:iam::000000000000:role/ci',
    '--web-identity-token-file',
    tokenFile,
    '--format',
    'json',
  ]);
  console.log('\nDemo finished: every step above ran against the mock STS.');
} finally {
  await sts.close();
  rmSync(home, { recursive: true, force: true });
}
