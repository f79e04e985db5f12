// Why the mock could not listen, in one sentence that names the address and what to do (issue 8):
// the system's `listen EADDRINUSE` says neither, and is no crash of sts-cli's.
import { ListenError } from '../errors.js';

/** `error` from `server.listen(port, host)` as a ListenError when it is one a person can fix, else `error` as it was. */
export function listenError(error: unknown, host: string, port: number): unknown {
  const reason = (error as NodeJS.ErrnoException).code;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const options = { cause: error };
  switch (reason) {
    case 'EADDRINUSE':
      return new ListenError(
        address,
        reason,
        `Cannot listen on ${address}: the port is taken by another program; pass another --port, or --port 0 for a free one.`,
        options,
      );
    case 'EACCES':
      return new ListenError(
        address,
        reason,
        `Cannot listen on ${address}: ports below 1024 need privileges this user lacks; pass a --port from 1024 up, or --port 0 for a free one.`,
        options,
      );
    case 'EADDRNOTAVAIL':
      return new ListenError(
        address,
        reason,
        `Cannot listen on ${address}: ${host} is not an address of this machine; pass one of its addresses to --host, such as 127.0.0.1.`,
        options,
      );
    default:
      return error;
  }
}
