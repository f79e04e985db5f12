import { describe, expect, it } from 'vitest';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  namedBits,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  setOf,
  time,
  tlv,
  utf8String,
} from '../../../src/mock/tls/der.js';
import { contentBytes, readChildren, readTlv } from '../../../src/mock/tls/readDer.js';

const hex = (b: Buffer) => b.toString('hex');

describe('DER encoder (X.690 encodings)', () => {
  it('lengths: short form below 128, then the fewest long-form octets', () => {
    expect(hex(tlv(0x04, Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(tlv(0x04, Buffer.alloc(128))).slice(0, 6)).toBe('048180');
    expect(hex(tlv(0x04, Buffer.alloc(255))).slice(0, 6)).toBe('0481ff');
    expect(hex(tlv(0x04, Buffer.alloc(256))).slice(0, 8)).toBe('04820100');
    expect(hex(tlv(0x04, Buffer.alloc(70_000))).slice(0, 10)).toBe('0483011170');
  });

  it('integers: minimal two’s complement, positive', () => {
    expect(hex(integer(0))).toBe('020100');
    expect(hex(integer(2))).toBe('020102');
    expect(hex(integer(127))).toBe('02017f');
    expect(hex(integer(128))).toBe('02020080');
    expect(hex(integer(256))).toBe('02020100');
    expect(hex(integer(Buffer.from('0000ff', 'hex')))).toBe('020200ff');
    expect(hex(integer(Buffer.from('000001', 'hex')))).toBe('020101');
    expect(hex(integer(Buffer.alloc(0)))).toBe('020100');
    expect(() => integer(-1)).toThrow(RangeError);
    expect(() => integer(1.5)).toThrow(RangeError);
  });

  it('object identifiers', () => {
    expect(hex(objectIdentifier('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hex(objectIdentifier('2.5.29.19'))).toBe('0603551d13');
    expect(hex(objectIdentifier('1.3.101.112'))).toBe('06032b6570');
    expect(hex(objectIdentifier('2.999.3'))).toBe('0603883703'); // X.690 §8.19.5's example
    for (const bad of ['', '1', '3.1', '1.40', '1.2.x', '1..2', '1.2.-3']) expect(() => objectIdentifier(bad), bad).toThrow(RangeError);
  });

  it('booleans, NULL, strings, bit strings', () => {
    expect(hex(boolean(true))).toBe('0101ff');
    expect(hex(boolean(false))).toBe('010100');
    expect(hex(nullValue())).toBe('0500');
    expect(hex(octetString(Buffer.from('abc')))).toBe('0403616263');
    expect(hex(utf8String('é'))).toBe('0c02c3a9');
    expect(hex(bitString(Buffer.from('ff', 'hex')))).toBe('030200ff');
  });

  it('named bits drop trailing zero bits (keyUsage as OpenSSL writes it)', () => {
    expect(hex(namedBits([0]))).toBe('03020780'); // digitalSignature
    expect(hex(namedBits([0, 2]))).toBe('030205a0'); // digitalSignature, keyEncipherment
    expect(hex(namedBits([5, 6]))).toBe('03020106'); // keyCertSign, cRLSign
    expect(hex(namedBits([8]))).toBe('0303070080'); // decipherOnly
    expect(hex(namedBits([]))).toBe('030100');
  });

  it('times: UTCTime through 2049, GeneralizedTime from 2050, whole seconds', () => {
    expect(time(new Date('2049-12-31T23:59:59.999Z')).toString('latin1', 2)).toBe('491231235959Z');
    expect(time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(time(new Date('2050-01-01T00:00:00Z')).toString('latin1', 2)).toBe('20500101000000Z');
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
    expect(time(new Date('1949-06-01T00:00:00Z')).toString('latin1', 2)).toBe('19490601000000Z');
    expect(time(new Date('9999-12-31T23:59:59Z')).toString('latin1', 2)).toBe('99991231235959Z');
    expect(() => time(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => time(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('SET OF sorts its elements; tags wrap as constructed or primitive', () => {
    expect(hex(setOf(integer(2), integer(1)))).toBe('3106020101020102');
    expect(hex(explicit(0, integer(2)))).toBe('a003020102');
    expect(hex(implicit(7, Buffer.from([127, 0, 0, 1])))).toBe('87047f000001');
  });

  it('the reader walks what the encoder wrote and refuses what overruns', () => {
    const der = sequence(integer(5), sequence(octetString(Buffer.alloc(300, 1))), nullValue());
    const children = readChildren(der, readTlv(der, 0));
    expect(children.map((c) => c.tag)).toEqual([0x02, 0x30, 0x05]);
    const [inner] = readChildren(der, children[1]!);
    expect(contentBytes(der, inner!)).toEqual(Buffer.alloc(300, 1));
    expect(() => readTlv(der.subarray(0, der.length - 1), 0)).toThrow(RangeError);
    expect(() => readTlv(Buffer.from([0x30]), 0)).toThrow(RangeError);
    expect(() => readTlv(Buffer.from([0x1f, 0x01, 0x00]), 0)).toThrow(RangeError);
    expect(() => readTlv(Buffer.from([0x30, 0x80]), 0)).toThrow(RangeError);
  });
});
