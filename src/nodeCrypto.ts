// node:crypto, loaded at its first use rather than at start-up: loading it costs about 2 ms, which
// is more than `sts-cli env` or `--help` spends on its own work, and they never hash or draw random
// names. A synchronous require (the callers are synchronous), which resolves a built-in module from
// any folder.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

let loaded: NodeCrypto | undefined;

/** node:crypto, loaded on the first call. */
export function nodeCrypto(): NodeCrypto {
  loaded ??= createRequire('/')('node:crypto') as NodeCrypto;
  return loaded;
}
