export { signRequest, presignUrl, stringToSign, type SignOptions, type PresignOptions, type SignedRequest } from './sign.js';
export { parseSignature, verifySignature, type ParsedSignature, type SignatureProblem, type ParseResult } from './verify.js';
export { canonicalRequest, canonicalPath, canonicalQuery, canonicalHeaders, headersToSign, payloadHash, sha256Hex, uriEncode } from './canonical.js';
export { deriveSigningKey, cachedSigningKey } from './signingKey.js';
export { toAmzDate, parseAmzDate, scopeString, type SignableRequest, type SigningCredentials, type CredentialScope } from './request.js';
