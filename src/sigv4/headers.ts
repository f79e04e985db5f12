// Header lookups by name in any case (as smithy's hasHeader / getHeaderValue): the names of a
// request's headers come as the caller wrote them, and SigV4 compares them lower-cased.

// The first own key that is `name` (lower case) in any case; only keys of the right length are lower-cased.
function headerKey(headers: Record<string, string>, name: string): string | undefined {
  for (const key in headers) {
    if (key.length === name.length && (key === name || key.toLowerCase() === name) && Object.hasOwn(headers, key)) return key;
  }
  return undefined;
}

/** Whether `headers` has a header named `name` (lower case), in any case. */
export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return headerKey(headers, name) !== undefined;
}

/** The value of the first header named `name` (lower case), in any case. */
export function getHeaderValue(headers: Record<string, string>, name: string): string | undefined {
  const key = headerKey(headers, name);
  return key === undefined ? undefined : headers[key];
}
