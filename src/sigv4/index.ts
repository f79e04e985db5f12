export { signRequest, stringToSign, type SignOptions, type SignedRequest } from './sign.js';
export { presignUrl, type PresignOptions } from './presign.js';
export { parseSignature, verifySignature, type ParsedSignature, type SignatureProblem, type ParseResult } from './verify.js';
export { canonicalRequest, canonicalPath, canonicalQuery, canonicalHeaders, headersToSign, payloadHash } from './canonical.js';
export { sha256Hex } from './sha256.js';
export { uriEncode, uriDecode } from './uri.js';
export { deriveSigningKey, cachedSigningKey, signString, signWithSecret, SecretSigningKeys } from './signingKey.js';
export { toAmzDate, parseAmzDate, scopeString, type SignableRequest, type SigningCredentials, type CredentialScope } from './request.js';
