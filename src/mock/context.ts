// What every handler needs, as one value: the flavor, keys, who is known, the clock and options.
import type { ControlPlane } from './control/controlPlane.js';
import type { Directory } from './directory.js';
import type { FlavorSpec } from './flavors.js';
import type { MockKeys } from './keys.js';
import type { IdentityProviders } from './oidc.js';
import type { MockGithub } from './types.js';

export interface MockContext {
  spec: FlavorSpec;
  keys: MockKeys;
  directory: Directory;
  providers: IdentityProviders;
  /** Pinned SigV4 region, if any. */
  region?: string;
  /** The ecs flavor's X-SDS-AUTH-TOKEN. */
  authToken: string;
  /** The mock's clock (SPEC §10): issued credentials and tokens expire by it. */
  now: () => Date;
  /**
   * Real time, whatever the mock's clock says: the SigV4 and TOTP windows compare the client's
   * clock with ours, so moving the mock's clock expires credentials instead of voiding signatures.
   */
  realNow: () => Date;
  /** Journal, sessions, faults and clock; `control.enabled` is false under `--no-control`. */
  control: ControlPlane;
  /** The mock's own issuer (its base URL unless configured), known once it listens. */
  issuer: () => string;
  /** `GET /oidc/github`'s defaults and request token. */
  github: MockGithub;
  /** Trust refusals say why in their Message too (`serve --explain`). */
  explain: boolean;
}

/** A request as the handlers see it: plain values. */
export interface MockRequest {
  method: string;
  /** Absolute URL as received (`http://host/path?query`). */
  url: string;
  path: string;
  rawQuery: string;
  /** Lower-cased names; repeated headers joined with `,`. */
  headers: Record<string, string>;
  body: Buffer;
  /** Who signed it: set by authenticate once the signature checks out (for the journal). */
  callerArn?: string;
}
