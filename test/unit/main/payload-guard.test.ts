/** The structural checks before zod: each limit holds at its value and refuses one more, whatever the shape. */
import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate, inspectPayload, PAYLOAD_LIMITS } from '../../../src/main/payload-guard';

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('payload guard limits', () => {
  it('takes nesting down to the limit and refuses one level more', () => {
    expect(inspectPayload(nested(PAYLOAD_LIMITS.maxDepth))).toBeNull();
    expect(inspectPayload(nested(PAYLOAD_LIMITS.maxDepth + 1))).toEqual({ kind: 'invalid', detail: 'nesting deeper than 16' });
  });

  it('takes a payload of exactly the byte limit and refuses one character more', () => {
    const half = PAYLOAD_LIMITS.maxBytes / 2;
    expect(inspectPayload('x'.repeat(half))).toBeNull();
    expect(inspectPayload('x'.repeat(half + 1))).toEqual({ kind: 'too-large', detail: 'payload over 262144 bytes' });
    // Keys and scalars count too: many small values add up.
    const manyNumbers = Object.fromEntries(Array.from({ length: 1_900 }, (_, i) => [`k${'y'.repeat(70)}${i}`, 1]));
    expect(inspectPayload(manyNumbers)).toMatchObject({ kind: 'too-large' });
    expect(inspectPayload(new Uint8Array(PAYLOAD_LIMITS.maxBytes))).toBeNull();
    expect(inspectPayload(new Uint8Array(PAYLOAD_LIMITS.maxBytes + 1))).toMatchObject({ kind: 'too-large' });
    expect(inspectPayload({ file: new ArrayBuffer(PAYLOAD_LIMITS.maxBytes + 1) })).toMatchObject({ kind: 'too-large' });
  });

  it('counts 8 bytes for a number, a boolean or null, and each key by its length', () => {
    // ["x…", 1]: keys "0", "1", "length" (16 bytes), the string, 1 and the length's value (8 each).
    const n = (PAYLOAD_LIMITS.maxBytes - 32) / 2;
    expect(inspectPayload(['x'.repeat(n), 1])).toBeNull();
    expect(inspectPayload(['x'.repeat(n), 1, true])).toMatchObject({ kind: 'too-large' });
    expect(inspectPayload(['x'.repeat(n), null, null])).toMatchObject({ kind: 'too-large' });
    expect(inspectPayload({ ['k'.repeat(n + 15)]: 'x' })).toBeNull();
    expect(inspectPayload({ ['k'.repeat(n + 16)]: 'x' })).toMatchObject({ kind: 'too-large' });
  });

  it('takes up to the key limit and refuses one key more', () => {
    const withKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]));
    expect(inspectPayload(withKeys(PAYLOAD_LIMITS.maxKeys))).toBeNull();
    expect(inspectPayload(withKeys(PAYLOAD_LIMITS.maxKeys + 1))).toEqual({ kind: 'invalid', detail: 'more than 2000 keys' });
  });

  it('refuses prototype keys, symbol keys, lone surrogates in keys and values it cannot carry', () => {
    expect(inspectPayload({ prototype: {} })).toEqual({ kind: 'invalid', detail: 'forbidden key "prototype"' });
    // Mutations caught: "constructor" or "__proto__" left out of the forbidden keys (an own
    // "__proto__" key is what JSON.parse or a structured clone of hostile input produces).
    expect(inspectPayload({ query: { constructor: { prototype: 1 } } })).toEqual({ kind: 'invalid', detail: 'forbidden key "constructor"' });
    expect(inspectPayload(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({ kind: 'invalid', detail: 'forbidden key "__proto__"' });
    expect(inspectPayload({ [Symbol('x')]: 1 })).toEqual({ kind: 'invalid', detail: 'symbol key' });
    expect(inspectPayload({ ['k\uDC00']: 1 })).toEqual({ kind: 'invalid', detail: 'malformed unicode (lone surrogate)' });
    expect(inspectPayload({ f: () => 1 })).toEqual({ kind: 'invalid', detail: 'unsupported value of type function' });
    expect(inspectPayload({ n: 10n })).toEqual({ kind: 'invalid', detail: 'unsupported value of type bigint' });
    expect(inspectPayload({ ok: [true, null, undefined, 1.5, 'é😀'] })).toBeNull();
  });

  it('refuses a lone surrogate in a value, up to the byte limit; past it the size is what it says', () => {
    const surrogate = { kind: 'invalid', detail: 'malformed unicode (lone surrogate)' };
    expect(inspectPayload('fr\uD800')).toEqual(surrogate);
    expect(inspectPayload({ comment: 'ok', locale: 'fr\uDC00' })).toEqual(surrogate);
    expect(inspectPayload(`${'x'.repeat(PAYLOAD_LIMITS.maxBytes / 2 - 1)}\uD800`)).toEqual(surrogate);
    expect(inspectPayload(`${'x'.repeat(PAYLOAD_LIMITS.maxBytes)}\uD800`)).toMatchObject({ kind: 'too-large' });
  });

  it('tells a lone surrogate from a pair, at either end', () => {
    expect(hasLoneSurrogate('😀')).toBe(false);
    expect(hasLoneSurrogate('a\uD83D')).toBe(true);
    expect(hasLoneSurrogate('\uDE00a')).toBe(true);
    expect(hasLoneSurrogate('\uD83D\uDE00\uDE00')).toBe(true);
  });
});
