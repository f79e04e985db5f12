// Percent-encoding both ways, as SigV4 wants it (RFC 3986). Pure string functions, with no
// dependency, so that redaction can decode with the same rule without loading the signer.

/** RFC 3986 encoding as AWS wants it: everything but `A-Za-z0-9-_.~` is percent-encoded. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Lenient percent-decoding: a malformed escape is kept as written rather than thrown on. */
export function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
