// What a browser or a plain `curl URL/` gets (issue 8): a short page naming the endpoints, not an
// STS error about a missing Action. Only a GET or HEAD of `/` with no query string: an STS request
// without an Action still gets the real servers' InvalidAction.
import { CONTROL_PREFIX } from './control/controlRoutes.js';
import type { MockContext, MockRequest } from './context.js';
import { escapeXml } from './xml.js';

export const LANDING_CONTENT_TYPE = 'text/html; charset=utf-8';

/** A browser's or curl's look at the root, not an STS call. */
export function isLandingRequest(req: MockRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.path === '/' && req.rawQuery === '';
}

/** The page: where STS, the OIDC issuer and (when on) the dashboard answer. */
export function landingPage(ctx: MockContext): string {
  const { spec } = ctx;
  const stsPath = spec.route.path ?? '/';
  const actions = [...spec.route.actions].join(', ');
  const auth = spec.name === 'ecs' ? 'signed with SigV4 or an X-SDS-AUTH-TOKEN header' : 'signed with SigV4 (AssumeRoleWithWebIdentity unsigned)';
  const items = [
    `<li>STS (${spec.name} flavor): <code>POST ${stsPath}</code> with a form body, ${auth}: ${actions}</li>`,
    `<li>OIDC issuer <code>${escapeXml(ctx.issuer())}</code>: <code>GET /.well-known/openid-configuration</code>, <code>GET /jwks.json</code>, <code>POST /oidc/token</code> (form: sub, aud, expires_in), <code>GET /oidc/github</code></li>`,
    ctx.control.enabled ? `<li>Dashboard and control plane: <a href="${CONTROL_PREFIX}/">${CONTROL_PREFIX}/</a></li>` : '',
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sts-cli mock STS</title></head>
<body><h1>sts-cli mock STS</h1>
<p>This is an STS endpoint for tests, not a web site. It answers:</p>
<ul>
${items.filter(Boolean).join('\n')}
</ul>
<p>Try <code>aws sts get-caller-identity --endpoint-url URL</code> or <code>sts-cli whoami --endpoint-url URL</code> with the access key the mock printed.</p>
</body></html>
`;
}
