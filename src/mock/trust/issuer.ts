// An OIDC issuer as IAM names it: the URL without its scheme, e.g. `token.actions.githubusercontent.com`
// or `oidc.eks.us-east-1.amazonaws.com/id/ABC`. That is the oidc-provider ARN's resource and the
// prefix of the token's condition keys (`ISSUER:sub`). AWS requires https; http is accepted for local issuers.

export function issuerHost(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '');
}
