// moto's server (AWS's shape, no signature checks) on a free loopback port, for one test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  // The port is free when picked but another test may take it before moto binds it: then moto
  // exits, and the answer came from someone else. Only moto's own answer (Werkzeug) counts, and a
  // moto that could not bind is started again on another port.
  for (let attempt = 1; ; attempt++) {
    const moto = await startMotoOnce(await freePort());
    if (moto) return moto;
    if (attempt === 3) throw new Error('moto_server exited before answering, three times');
  }
}

async function startMotoOnce(port: number): Promise<Moto | undefined> {
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) return undefined;
    try {
      const res = await fetch(`${url}/moto-api/`);
      await res.arrayBuffer();
      if (res.ok && /werkzeug/i.test(res.headers.get('server') ?? '') && child.exitCode === null) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('moto_server did not start within 30 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
