// Round trips through the client against moto's server: a real STS nobody here wrote (SPEC §6).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStsClient } from '../../src/sts/client.js';
import { motoServer, skipWithout } from '../helpers/peers.js';

const skip = skipWithout(motoServer());

/** Starts `moto_server` on a free port of 127.0.0.1; resolves with its URL once it listens. */
function startMoto(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`moto_server did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited with ${code}:\n${output}`));
    });
  });
}

describe.skipIf(skip)('against moto_server', () => {
  let moto: { url: string; child: ChildProcess };
  beforeAll(async () => {
    moto = await startMoto();
  }, 30_000);
  afterAll(() => {
    moto?.child.kill('SIGTERM');
  });

  const source = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

  it('AssumeRole, then GetCallerIdentity with the issued credentials', async () => {
    const client = createStsClient({ endpoint: moto.url, region: 'us-east-1', auth: { kind: 'sigv4', credentials: source } });
    try {
      const result = await client.assumeRole({
        roleArn: 'arn:aws:iam::123456789012:role/dev',
        roleSessionName: 'sts-cli-test',
        durationSeconds: 900,
        policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
        tags: [{ key: 'team', value: 'core platform' }],
      });
      expect(result.credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(result.credentials.secretAccessKey).toHaveLength(40);
      expect(result.credentials.sessionToken.length).toBeGreaterThan(20);
      expect(result.assumedRoleUser?.arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/sts-cli-test');
      expect(result.assumedRoleUser?.assumedRoleId).toMatch(/:sts-cli-test$/);
      const seconds = (result.credentials.expiration.getTime() - Date.now()) / 1000;
      expect(seconds).toBeGreaterThan(800);
      expect(seconds).toBeLessThan(1000);
      expect(result.requestId).toBeTruthy();

      const assumed = createStsClient({ endpoint: moto.url, region: 'us-east-1', auth: { kind: 'sigv4', credentials: result.credentials } });
      try {
        const me = await assumed.getCallerIdentity();
        expect(me.account).toBe('123456789012');
        expect(me.arn).toBe('arn:aws:sts::123456789012:assumed-role/dev/sts-cli-test');
      } finally {
        await assumed.close();
      }
    } finally {
      await client.close();
    }
  });

  it('AssumeRoleWithWebIdentity, unsigned', async () => {
    const client = createStsClient({ endpoint: moto.url, region: 'us-east-1', auth: { kind: 'none' } });
    try {
      const result = await client.assumeRoleWithWebIdentity({
        roleArn: 'arn:aws:iam::123456789012:role/ci',
        roleSessionName: 'ci-run-42',
        webIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl',
        durationSeconds: 3600,
      });
      expect(result.credentials.accessKeyId).toMatch(/^ASIA/);
      expect(result.assumedRoleUser?.arn).toBe('arn:aws:sts::123456789012:assumed-role/ci/ci-run-42');
      const seconds = (result.credentials.expiration.getTime() - Date.now()) / 1000;
      expect(seconds).toBeGreaterThan(3500);
    } finally {
      await client.close();
    }
  });

  it('GetSessionToken', async () => {
    const client = createStsClient({ endpoint: moto.url, region: 'us-east-1', auth: { kind: 'sigv4', credentials: source } });
    try {
      const result = await client.getSessionToken({ durationSeconds: 900 });
      expect(result.credentials.sessionToken.length).toBeGreaterThan(20);
    } finally {
      await client.close();
    }
  });
});
