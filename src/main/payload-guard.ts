/**
 * Cheap structural checks that run before zod: a payload that is too big, too deep
 * or carries prototype keys is refused without being parsed further.
 */
export const PAYLOAD_LIMITS = {
  maxBytes: 256 * 1024,
  maxDepth: 16,
  maxKeys: 2_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A lone UTF-16 surrogate cannot be stored as it was hashed (SQLite writes U+FFFD), which
 * would make the audit chain report tampering: such strings are refused at the boundary.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

export type PayloadProblem =
  | { kind: 'too-large'; detail: string }
  | { kind: 'invalid'; detail: string };

/** Returns the first problem found, or null. Never throws, never recurses unboundedly. */
export function inspectPayload(payload: unknown): PayloadProblem | null {
  let bytes = 0;
  let keys = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: payload, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > PAYLOAD_LIMITS.maxDepth) return { kind: 'invalid', detail: `nesting deeper than ${PAYLOAD_LIMITS.maxDepth}` };
    if (typeof value === 'string') {
      bytes += value.length * 2;
      if (bytes <= PAYLOAD_LIMITS.maxBytes && hasLoneSurrogate(value)) return { kind: 'invalid', detail: 'malformed unicode (lone surrogate)' };
    } else if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
      bytes += 8;
    } else if (typeof value === 'object') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        bytes += value.byteLength;
      } else {
        const own = Reflect.ownKeys(value);
        for (const key of own) {
          if (typeof key !== 'string') return { kind: 'invalid', detail: 'symbol key' };
          if (FORBIDDEN_KEYS.has(key)) return { kind: 'invalid', detail: `forbidden key "${key}"` };
          if (hasLoneSurrogate(key)) return { kind: 'invalid', detail: 'malformed unicode (lone surrogate)' };
          keys += 1;
          bytes += key.length * 2;
          stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
        }
        if (keys > PAYLOAD_LIMITS.maxKeys) return { kind: 'invalid', detail: `more than ${PAYLOAD_LIMITS.maxKeys} keys` };
      }
    } else {
      return { kind: 'invalid', detail: `unsupported value of type ${typeof value}` };
    }
    if (bytes > PAYLOAD_LIMITS.maxBytes) return { kind: 'too-large', detail: `payload over ${PAYLOAD_LIMITS.maxBytes} bytes` };
  }
  return null;
}
