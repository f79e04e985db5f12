// Just enough of a DER reader to walk structures node:crypto hands us (a SubjectPublicKeyInfo,
// a certificate): tags and lengths, never values beyond what the caller slices out itself.

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

/** The TLV starting at `offset`, which must end by `limit`. Throws a RangeError on anything not DER-shaped. */
export function readTlv(der: Uint8Array, offset: number, limit = der.length): Tlv {
  if (offset + 2 > limit) throw new RangeError('The DER data ends inside a tag.');
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('Multi-byte DER tags are not supported.');
  const first = der[offset + 1]!;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('The DER data has an unsupported length form.');
    if (contentStart + count > limit) throw new RangeError('The DER data ends inside a length.');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new RangeError('A DER value runs past the end of its container.');
  return { tag, start: offset, contentStart, end };
}

/** The TLVs directly inside a constructed value. */
export function readChildren(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readTlv(der, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** The bytes of a TLV, tag and length included. */
export function tlvBytes(der: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(der.subarray(tlv.start, tlv.end));
}

/** The content bytes of a TLV. */
export function contentBytes(der: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(der.subarray(tlv.contentStart, tlv.end));
}
