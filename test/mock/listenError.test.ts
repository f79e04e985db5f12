// Why the mock could not listen, as a person can act on it (issue 8): the address and what to do,
// exit 2, instead of `unexpected error: listen EADDRINUSE` and exit 1.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenError } from '../../src/errors.js';
import { startMockSts } from '../../src/mock/index.js';
import { listenError } from '../../src/mock/listenError.js';

const errno = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

let taken: Server | undefined;
afterEach(() => taken?.close());

describe('listenError', () => {
  it('a taken port names host:port and says to pass another --port or --port 0', async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken!.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const error = await startMockSts({ port }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ListenError);
    expect(error).toMatchObject({ code: 'ERR_LISTEN', exitCode: 2, reason: 'EADDRINUSE', address: `127.0.0.1:${port}` });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toMatch(/another --port, or --port 0/);
  });

  it('a privileged port (EACCES) and an address not of this machine each say what to do', () => {
    const privileged = listenError(errno('EACCES'), '0.0.0.0', 80) as ListenError;
    expect(privileged).toBeInstanceOf(ListenError);
    expect(privileged.exitCode).toBe(2);
    expect(privileged.message).toMatch(/0\.0\.0\.0:80: ports below 1024 need privileges .*--port 0/);
    const foreign = listenError(errno('EADDRNOTAVAIL'), '::2', 8900) as ListenError;
    expect(foreign.message).toContain('[::2]:8900');
    expect(foreign.message).toContain('--host');
  });

  it('other errors pass through as they were', () => {
    const other = errno('EMFILE');
    expect(listenError(other, '127.0.0.1', 1)).toBe(other);
  });
});
