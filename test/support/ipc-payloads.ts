/**
 * Payload generators for IPC fuzzing. Each channel's generator is derived from its zod
 * request schema, so a new channel in the contract is fuzzed without touching the tests:
 * valid-looking shapes (hostile strings inside well-typed fields), the same shapes
 * mutated (a field swapped for a hostile value, an extra or prototype key, a field
 * dropped, the object turned into an array), and hostile payloads of any shape.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Characters that break naive code: NUL, lone surrogates, bidi overrides, zero-width, LDAP filter and DN specials. */
export const ODD_PIECES = [
  '\u0000', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u202E', '\u202D', '\u2066', '\u200B', '\u200D', '\uFEFF', '\u2028',
  '\u0085', '\u00A0', '\r\n', '\t', '\u001b[31m', 'e\u0301', 'é', 'İ', 'ß', 'Ǆ', '𝒜', '🧑‍💻', '*', '(', ')', '\\',
  '\\00', '=', ',', '+', '"', "'", '<', '>', ';', '#', '%00', '${x}', '../', 'uid=*)(uid=*', ' ', '  ', 'admin',
] as const;

/** A string made of odd pieces and ordinary text, roughly `min`..`max` characters long. */
export function oddString(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const min = options.minLength ?? 0;
  const max = Math.min(options.maxLength ?? 64, 96);
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_PIECES) },
    { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  );
  return fc
    .array(piece, { minLength: Math.min(min, 40), maxLength: Math.max(Math.min(max, 40), Math.min(min, 40)) })
    .map((pieces) => pieces.join(''));
}

/** One character repeated up to 1 MB (built by repeat, not char by char: fast). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '\u0000', '\uD800', '🧑', '*', ' '), fc.integer({ min: 1_000, max: 1 << 20 }))
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));

export const EDGE_NUMBERS = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, 0.5, 1e-300, 1e308, Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 53 + 2, -(2 ** 31), 2 ** 32, Number.EPSILON,
];

export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Defines `key` as an own, enumerable property, even `__proto__` (as JSON.parse or structured clone would). */
export function withOwnKey(target: object, key: string, value: unknown): object {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Nesting 1..200 levels deep, through objects, arrays or both. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 1, max: 200 }), fc.constantFrom('object', 'array', 'mixed'), fc.constantFrom<unknown>(1, 'x', null, {}))
  .map(([depth, kind, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i += 1) {
      const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
      value = asArray ? [value] : { dn: value };
    }
    return value;
  });

/** Objects carrying a prototype key as an own key, built the way JSON.parse builds them. */
export const prototypeKeyObject: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...FORBIDDEN_KEYS), fc.constantFrom('{"isAdmin":true}', '{"polluted":1}', '"x"', 'null', '[]'))
  .map(([key, value]) => JSON.parse(`{"${key}":${value},"dn":"uid=x"}`) as unknown);

const typedArray: fc.Arbitrary<unknown> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.float64Array({ maxLength: 8 }),
  fc.int32Array({ maxLength: 8 }),
  fc.integer({ min: 0, max: 1 << 20 }).map((n) => new ArrayBuffer(n)),
  fc.constant(new Uint8Array(0)),
  fc.constant(new DataView(new ArrayBuffer(4))),
);

const oddObjects: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(new Date(Number.NaN)),
  fc.date().map((d) => new Date(d.getTime())),
  fc.constant(new Map([['dn', 'uid=x']])),
  fc.constant(new Set(['x'])),
  fc.constant(Object.create(null) as unknown),
  fc.string().map((s) => Object.assign(Object.create(null) as object, { dn: s })),
  fc.string().map((s) => new String(s)),
  fc.constant(new Number(1)),
  fc.constant(new Boolean(false)),
  fc.constant(/x/g),
  fc.constant(new Error('x')),
  fc.constant({ [Symbol('dn')]: 'x' }),
  fc.constant(() => 'x'),
  fc.constant(Symbol('x')),
  fc.bigInt(),
  fc.constant([]),
  fc.constant(Object.assign([], { dn: 'x' })),
  fc.constant([, , 'sparse']), // eslint-disable-line no-sparse-arrays
);

/** Any hostile value, at the top of a payload or inside one of its fields. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: oddString({ maxLength: 80 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: prototypeKeyObject },
  { weight: 1, arbitrary: typedArray },
  { weight: 2, arbitrary: oddObjects },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, '', '{}', 'null') },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
  },
);

// ------------------------------------------------------------------ schema -> arbitrary

/** zod 4 keeps a schema's definition under `_zod.def`; only the parts read here are typed. */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; format?: string; pattern?: RegExp } } }>;
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: z.ZodType;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Per field name, extra values to mix in (real DNs, logins...), so valid shapes can reach deep code. */
export type FieldPools = Partial<Record<string, fc.Arbitrary<unknown>>>;

const OPTIONAL_TYPES = new Set(['optional', 'default', 'prefault']);

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true });
const NEAR_MISS_DATES = ['2024-02-30', '2023-02-29', '2024-02-29', '1900-02-29', '2024-13-01', '0000-00-00', '2024-1-1',
  ' 2024-01-01', '2024-01-01\u0000', '+002024-01-01', '2024-01-01T25:00:00Z', '2024-06-01T10:00:00.000+02:00'];

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = 256;
  let pattern: RegExp | undefined;
  let trims = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
    if (c.check === 'string_format' && c.pattern) pattern = c.pattern;
    if (c.check === 'overwrite') trims = true;
  }
  const boundary = fc.constantFrom(max, max + 1, Math.max(min - 1, 0), min).chain((n) =>
    fc.constantFrom('x', 'é', '\u0000', ' ').map((c) => c.repeat(n)),
  );
  const options: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: oddString({ minLength: min, maxLength: max }) },
    // Well-formed text too, so that valid payloads (which the guard lets through) stay frequent.
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 64) }) },
    { weight: 1, arbitrary: boundary },
  ];
  if (def.format === 'date' || def.format === 'datetime') {
    const valid = isoDate.map((d) => (def.format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString()));
    options.push({ weight: 8, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(...NEAR_MISS_DATES) });
  } else if (pattern) {
    // Heavier than the others: a request has several patterned fields (a DN, an id and a code, a ticket, a comment without controls) and must still be valid now and then.
    options.push({ weight: 12, arbitrary: fc.stringMatching(pattern, { size: 'small' }) });
  }
  const base = fc.oneof(...options);
  if (!trims) return base;
  return fc.tuple(fc.constantFrom('', ' ', '\t', '\n '), base, fc.constantFrom('', ' ', '\u00A0')).map(([a, s, b]) => a + s + b);
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && c.value !== undefined) min = c.value;
    if (c.check === 'less_than' && c.value !== undefined) max = c.value;
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, 2 ** 31) }) },
    { weight: 2, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, min + 0.5) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  );
}

/** A value of the schema's shape, most of the time valid, with hostile strings inside. */
export function fromSchema(schema: z.ZodType, pools: FieldPools = {}, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 8) return hostileValue;
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})) },
        { weight: 1, arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})).map((v) => (typeof v === 'string' ? v.toUpperCase() : v)) },
      );
    case 'literal':
      return fc.constantFrom(...(def.values ?? [undefined]));
    case 'null':
      return fc.constant(null);
    case 'optional':
    case 'default':
    case 'prefault':
      // Absent a third of the time: a request of many optional fields (an institution's activation) still reaches its handler often.
      return fc.option(fromSchema(def.innerType!, pools, depth + 1), { nil: undefined, freq: 2 });
    case 'nullable':
      return fc.option(fromSchema(def.innerType!, pools, depth + 1), { nil: null, freq: 4 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => fromSchema(o, pools, depth + 1)));
    case 'array':
      return fc.array(fromSchema(def.element!, pools, depth + 1), { maxLength: 6 });
    case 'pipe':
      return fromSchema(def.in!, pools, depth + 1);
    case 'object': {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        const own = fromSchema(field, pools, depth + 1);
        const pool = pools[key];
        model[key] = pool ? fc.oneof({ weight: 3, arbitrary: pool }, { weight: 2, arbitrary: own }) : own;
        if (!OPTIONAL_TYPES.has(defOf(field).type)) required.push(key);
      }
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return hostileValue;
  }
}

type Mutation = 'replace' | 'extra' | 'drop' | 'prototype' | 'array' | 'json' | 'nest';

function mutate(value: unknown, mutation: Mutation, pick: number, hostile: unknown, extraKey: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length > 0 ? keys[pick % keys.length]! : 'dn';
  switch (mutation) {
    case 'replace':
      copy[key] = hostile;
      return copy;
    case 'extra':
      copy[extraKey] = hostile;
      return copy;
    case 'drop':
      delete copy[key];
      return copy;
    case 'prototype': {
      // Own prototype key at the top or inside the first object field.
      const forbidden = FORBIDDEN_KEYS[pick % FORBIDDEN_KEYS.length]!;
      const innerKey = Object.keys(copy).find((k) => copy[k] !== null && typeof copy[k] === 'object' && !Array.isArray(copy[k]));
      if (innerKey !== undefined && pick % 2 === 0) {
        copy[innerKey] = withOwnKey({ ...(copy[innerKey] as object) }, forbidden, { isAdmin: true });
      } else {
        withOwnKey(copy, forbidden, { isAdmin: true });
      }
      return copy;
    }
    case 'array':
      return pick % 2 === 0 ? Object.values(copy) : [copy];
    case 'json':
      return JSON.stringify(copy);
    case 'nest':
      copy[key] = { [key]: copy[key] };
      return copy;
  }
}

/** Everything a channel is fuzzed with: valid-looking, mutated and hostile payloads. */
export function payloadFor(schema: z.ZodType, pools: FieldPools = {}): fc.Arbitrary<unknown> {
  const shaped = fromSchema(schema, pools);
  const mutated = fc
    .tuple(
      shaped,
      fc.constantFrom<Mutation>('replace', 'extra', 'drop', 'prototype', 'array', 'json', 'nest'),
      fc.nat(),
      hostileValue,
      fc.oneof(fc.constantFrom('admin', 'role', 'isAdmin', 'sender', 'then', 'toJSON', 'valueOf'), fc.string({ maxLength: 12 })),
    )
    .map(([value, mutation, pick, hostile, extraKey]) => mutate(value, mutation, pick, hostile, extraKey));
  return fc.oneof(
    { weight: 5, arbitrary: shaped },
    { weight: 3, arbitrary: mutated },
    { weight: 2, arbitrary: hostileValue },
  );
}

// ------------------------------------------------------------------ independent oracles

/** Own prototype keys anywhere in a payload (walks iteratively; objects and arrays only). */
export function hasForbiddenOwnKey(payload: unknown): boolean {
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    for (const key of Object.getOwnPropertyNames(value)) {
      if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** Nesting depth of objects and arrays (a scalar is 0). */
export function nestingDepth(payload: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[payload, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    for (const key of Object.keys(value)) stack.push([(value as Record<string, unknown>)[key], depth + 1]);
  }
  return deepest;
}

/** String values (not keys) at least `min` long found in a payload: an error message must not echo them. */
export function longStrings(payload: unknown, min = 12): string[] {
  const found: string[] = [];
  const stack: unknown[] = [payload];
  while (stack.length > 0 && found.length < 50) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length >= min) found.push(value.length > 4_096 ? value.slice(0, 64) : value);
    } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return found;
}

/** A short, printable description of a payload for a failure message. */
export function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 20)}…(${v.length} chars)` : typeof v === 'bigint' ? `${v}n` : v,
    );
    return text === undefined ? String(payload) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return Object.prototype.toString.call(payload);
  }
}
