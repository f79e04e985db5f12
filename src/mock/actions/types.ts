// The shape every STS action shares: request and parameters in, result elements out.
import type { MockContext, MockRequest } from '../context.js';
import type { Params } from '../params.js';
import type { XmlNode } from '../xml.js';

/** The STS actions the mock answers (each flavor names which in its route block). */
export type StsAction = 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetCallerIdentity' | 'GetSessionToken';

export interface ActionResult {
  result: XmlNode[];
  /** Who called (for the log). */
  accessKeyId?: string;
}

/** Synchronous unless it must wait (a web identity token's keys): an await costs every request. */
export type Action = (ctx: MockContext, req: MockRequest, params: Params) => ActionResult | Promise<ActionResult>;
