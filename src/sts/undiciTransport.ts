// The pieces of undici the client uses, imported from their own modules: undici's index also
// loads fetch, WebSocket, caches and two WebAssembly HTTP parsers, doubling the start-up cost of
// every `sts-cli assume`. The bundle freezes these paths at build time, and the client tests
// (proxy, TLS, retries) fail loudly if a new undici moves them.
import type { EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import api from 'undici/lib/api/index.js';

// As undici's index does: request(), connect() (used by the proxy agent for CONNECT) and the
// other API methods live on every dispatcher.
Object.assign((DispatcherClass as { prototype: object }).prototype, api);

export const EnvHttpProxyAgent = EnvHttpProxyAgentClass as typeof EnvHttpProxyAgentType;
