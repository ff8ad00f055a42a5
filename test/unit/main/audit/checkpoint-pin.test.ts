import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPin, decodePin, encodePin, PIN_RECORD_BYTES, signLegacyPin, signPin } from '../../../../src/main/audit/checkpoint-pin';
import { keyFingerprint, publicKeyBase64, publicKeyFromBase64, signerFromSeed, verifySignature } from '../../../../src/main/audit/ed25519';

const desk = signerFromSeed(randomBytes(32));
const pin = { seq: 4_000_000_000_000, headHash: 'ab'.repeat(32), at: '2026-03-01T08:00:00.000Z' };

describe('checkpoint pins', () => {
  it('an Ed25519 pin fits its 256-byte record even at a huge sequence number, and reads back', () => {
    const record = encodePin(signPin(desk, pin));
    expect(record.length).toBe(PIN_RECORD_BYTES);
    expect(record.at(-1)).toBe(0x0a);
    const decoded = decodePin(record);
    expect(decoded).toMatchObject({ kind: 'pin', pin: { v: 2, ...pin } });
    if (decoded.kind !== 'pin') throw new Error('not a pin');
    expect(checkPin(decoded.pin, { hmac: null, publicKey: desk.verifyKey })).toBe('valid');
  });

  it('each field is covered by the signature; another key or none is told apart', () => {
    const signed = signPin(desk, pin);
    const keys = { hmac: null, publicKey: desk.verifyKey };
    for (const edit of [{ seq: pin.seq - 1 }, { headHash: 'cd'.repeat(32) }, { at: '2026-03-01T08:00:00.001Z' }])
      expect(checkPin({ ...signed, ...edit }, keys)).toBe('forged');
    expect(checkPin(signPin(signerFromSeed(randomBytes(32)), pin), keys)).toBe('forged');
    expect(checkPin(signed, { hmac: randomBytes(32), publicKey: null })).toBe('unverifiable');
  });

  it('old HMAC pins: valid with their key, forged with another, unverifiable without', () => {
    const key = randomBytes(32);
    const legacy = signLegacyPin(key, pin);
    expect(JSON.parse(encodePin(legacy).toString('utf8'))).not.toHaveProperty('v');
    expect(decodePin(encodePin(legacy))).toMatchObject({ kind: 'pin', pin: { v: 1 } });
    expect(checkPin(legacy, { hmac: key, publicKey: desk.verifyKey })).toBe('valid');
    expect(checkPin(legacy, { hmac: randomBytes(32), publicKey: desk.verifyKey })).toBe('forged');
    expect(checkPin(legacy, { hmac: null, publicKey: desk.verifyKey })).toBe('unverifiable');
    // A signature cut short (or not hex at all) is forged, not a crash of the reader.
    // Mutation caught: comparing without checking the lengths first (timingSafeEqual throws).
    for (const sig of [legacy.sig.slice(0, 10), '', 'not hex']) expect(checkPin({ ...legacy, sig }, { hmac: key, publicKey: null })).toBe('forged');
  });

  it('blank (spaces, NUL, nothing) and torn (anything else that is not a whole pin) are told apart', () => {
    expect(decodePin(Buffer.alloc(256, ' '))).toEqual({ kind: 'blank' });
    expect(decodePin(Buffer.alloc(256, 0))).toEqual({ kind: 'blank' });
    expect(decodePin(Buffer.alloc(0))).toEqual({ kind: 'blank' });
    const whole = encodePin(signPin(desk, pin));
    const torn = Buffer.concat([whole.subarray(0, 90), Buffer.alloc(166, ' ')]);
    expect(decodePin(torn)).toEqual({ kind: 'torn' });
    expect(decodePin(Buffer.from('{"v":3,"seq":1,"headHash":"' + 'ab'.repeat(32) + '","at":"x","sig":"y"}'))).toEqual({ kind: 'torn' });
    expect(decodePin(Buffer.from('[1,2]'))).toEqual({ kind: 'torn' });
  });

  it('a record missing a field, or with one of the wrong kind, is torn, never a pin', () => {
    // Mutations caught: each test of isPinShape dropped or loosened (a negative or fractional
    // seq, a hash with something before or after its 64 hex digits, a time or signature that is not text).
    const record = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify({ v: 2, ...pin, sig: 'c2ln', ...fields }));
    expect(decodePin(record({}))).toMatchObject({ kind: 'pin', pin: { ...pin, sig: 'c2ln' } });
    expect(decodePin(record({ seq: 0 }))).toMatchObject({ kind: 'pin', pin: { seq: 0 } });
    const bad = [
      { seq: -1 },
      { seq: 1.5 },
      { seq: '12' },
      { seq: 2 ** 53 },
      { headHash: `0${pin.headHash}` },
      { headHash: `${pin.headHash}0` },
      { headHash: 'AB'.repeat(32) },
      { headHash: 7 },
      { at: 1_772_352_000_000 },
      { at: null },
      { sig: 12 },
      { sig: undefined },
    ];
    for (const fields of bad) expect(decodePin(record(fields)), JSON.stringify(fields)).toEqual({ kind: 'torn' });
  });

  it('a pin whose record would not fit its slot is refused when written, never cut short', () => {
    // Mutations caught: the size check dropped, or letting a 256-byte body through (its last
    // byte would be overwritten by the line feed).
    const bodyBytes = (atText: string) => Buffer.byteLength(JSON.stringify(signPin(desk, { ...pin, at: atText })));
    const base = bodyBytes('');
    const fits = 'x'.repeat(PIN_RECORD_BYTES - 1 - base);
    expect(bodyBytes(fits)).toBe(PIN_RECORD_BYTES - 1);
    expect(decodePin(encodePin(signPin(desk, { ...pin, at: fits })))).toMatchObject({ kind: 'pin', pin: { at: fits } });
    expect(() => encodePin(signPin(desk, { ...pin, at: `${fits}x` }))).toThrow('checkpoint too large for its slot');
  });
});

describe('Ed25519 keys', () => {
  it('public keys round-trip as base64 of 32 bytes; anything else is refused', () => {
    expect(Buffer.from(desk.publicKey, 'base64')).toHaveLength(32);
    expect(publicKeyBase64(publicKeyFromBase64(desk.publicKey))).toBe(desk.publicKey);
    expect(publicKeyBase64(publicKeyFromBase64(Buffer.from(desk.publicKey, 'base64').toString('base64url')))).toBe(desk.publicKey);
    for (const bad of ['', 'abc', desk.publicKey.slice(1), `${desk.publicKey}AA`, 'é'.repeat(43)]) expect(() => publicKeyFromBase64(bad)).toThrow(/Ed25519/);
  });

  it('signatures verify under their key only; the fingerprint is 8 groups of 4 hex digits', () => {
    const sig = desk.sign('bonjour');
    expect(verifySignature(desk.verifyKey, 'bonjour', sig)).toBe(true);
    expect(verifySignature(desk.verifyKey, 'bonjouR', sig)).toBe(false);
    expect(verifySignature(signerFromSeed(randomBytes(32)).verifyKey, 'bonjour', sig)).toBe(false);
    expect(verifySignature(desk.verifyKey, 'bonjour', 'not-a-signature')).toBe(false);
    expect(keyFingerprint(desk.publicKey)).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(keyFingerprint(desk.verifyKey)).toBe(keyFingerprint(desk.publicKey));
  });

  it('the same seed gives the same key pair (the sealed seed is the key)', () => {
    const seed = randomBytes(32);
    expect(signerFromSeed(seed).publicKey).toBe(signerFromSeed(Buffer.from(seed)).publicKey);
  });
});
