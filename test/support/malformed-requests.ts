// Malformed requests for the write operations of an OpenAPI document, generated from each
// operation's own schemas: wrong types, missing fields, values past their bounds and past the money
// bound, text Postgres cannot store, numbers JavaScript cannot hold, deep nesting, unknown fields,
// ids of nothing, path parameters that are not ids, and bodies that are not objects. A seeded
// generator picks a bounded number per operation, so a run is fast and every failure reproduces.
import { MAX_AMOUNT_MINOR } from '../../billing/amount-bound.js';
import type { OpenApiDocument, OpenApiOperation } from '../../portal/api/openapi.server.js';

type JsonSchema = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

export interface WriteOperation {
  id: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** In OpenAPI form, with `{name}` for path parameters. */
  path: string;
  operation: OpenApiOperation;
}

export function writeOperations(document: OpenApiDocument): WriteOperation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ id: operation.operationId, method: method.toUpperCase() as WriteOperation['method'], path, operation })),
  );
}

export interface FilePart {
  fileName: string;
  content: string;
}

/** A request the operation accepts, which each malformed request spoils in one place. */
export interface ValidRequest {
  /** Every path parameter, naming something that exists. */
  path: Record<string, string>;
  /** A JSON body the operation accepts. */
  body?: unknown;
  /** The parts of a multipart/form-data body the operation accepts. */
  parts?: Record<string, string | FilePart>;
}

export type CaseKind =
  | 'wrong-type'
  | 'missing'
  | 'past-bound'
  | 'money-bound'
  | 'unstorable-text'
  | 'huge-number'
  | 'deep-nesting'
  | 'unknown-field'
  | 'id-of-nothing'
  | 'path-not-an-id'
  | 'path-id-of-nothing'
  | 'not-an-object';

export interface MalformedRequest {
  kind: CaseKind;
  /** What is wrong, for the failure report. */
  what: string;
  method: string;
  /** The URL path, path parameters filled in (percent-encoded as sent). */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The field the problem's `errors` must name (that field or one inside it). */
  field?: string;
  /** The only right status, where there is one. */
  status?: number;
  /** A 404 is right too: a path parameter that is not an id may be looked up, and found to name nothing. */
  notFoundAllowed?: boolean;
}

/** A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed): the same seed, the same requests. */
export function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEEP = 10_000;
const deepArrays = '['.repeat(DEEP) + ']'.repeat(DEEP);
const overBound = MAX_AMOUNT_MINOR + 1n;

/** JSON number literals no JavaScript number holds as written. */
const HUGE_NUMBERS = ['1e309', '-1e309', '9223372036854775808', '-9223372036854775809', '1' + '7'.repeat(399), '1e-400', '0.' + '3'.repeat(400)];
const UNSTORABLE_TEXT = ['nul\u0000inside', '\u0000', 'lone \ud800 high surrogate', 'lone \udfff low surrogate', '\udc00'];
/** Path segments (percent-encoded as sent) that are not ids. */
const NOT_IDS = [
  'not-an-id',
  '0',
  '-1',
  '00000000-0000-0000-0000-00000000000g',
  '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30x',
  '%00',
  '%F0%9F',
  '%FF',
  '..%2F..%2Fplans',
  'x'.repeat(300),
  "1'%20OR%20'1'%3D'1",
  '9'.repeat(40),
];
const UNKNOWN_KEYS = ['unexpectedField', 'Name', 'amount ', '__proto__', 'constructor', 'plan_id'];
const NOT_OBJECTS: { text: string; what: string }[] = [
  { text: 'null', what: 'null' },
  { text: '[]', what: 'an empty array' },
  { text: '"text"', what: 'a string' },
  { text: '42', what: 'a number' },
  { text: 'true', what: 'a boolean' },
  { text: deepArrays, what: `${DEEP} nested arrays` },
];

export interface GenerateOptions {
  random: () => number;
  /** How many requests to pick; kinds take turns, so a small count still covers most of them. */
  count: number;
}

/** The malformed requests for one operation: `count` of them, drawn from every kind that applies. */
export function malformedRequests(document: OpenApiDocument, write: WriteOperation, valid: ValidRequest, options: GenerateOptions): MalformedRequest[] {
  const generator = new CaseGenerator(document, write, valid, options.random);
  return pickInTurns(generator.candidates(), options);
}

function pickInTurns(candidates: Map<CaseKind, (() => MalformedRequest)[]>, { random, count }: GenerateOptions): MalformedRequest[] {
  const queues = shuffled([...candidates.entries()], random).map(([, makers]) => shuffled(makers, random));
  const picked: MalformedRequest[] = [];
  while (picked.length < count && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < count) picked.push(next());
    }
  }
  return picked;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A place in the body a case can spoil. */
interface Slot {
  path: (string | number)[];
  schema: JsonSchema;
  /** Required by its object (an array item counts as required). */
  required: boolean;
  present: boolean;
  /** The field the problem must name: the slot itself, or the union it sits in (a union is named as a whole). */
  named: string;
}

class CaseGenerator {
  private readonly cases = new Map<CaseKind, (() => MalformedRequest)[]>();

  constructor(
    private readonly document: OpenApiDocument,
    private readonly write: WriteOperation,
    private readonly valid: ValidRequest,
    private readonly random: () => number,
  ) {}

  candidates(): Map<CaseKind, (() => MalformedRequest)[]> {
    this.pathCases();
    this.headerCases();
    const content = this.write.operation.requestBody?.content ?? {};
    const json = content['application/json']?.schema;
    const multipart = content['multipart/form-data']?.schema;
    if (json) this.jsonCases(this.resolve(json));
    if (multipart) this.multipartCases(this.resolve(multipart));
    return this.cases;
  }

  private add(kind: CaseKind, make: () => MalformedRequest) {
    this.cases.set(kind, [...(this.cases.get(kind) ?? []), make]);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(this.random() * 4)] as string;
    const text = hex.join('');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const name = ref.replace('#/components/schemas/', '');
    const target = this.document.components.schemas[name];
    if (!target) throw new Error(`${this.write.id}: the document has no schema ${ref}`);
    return this.resolve(target);
  }

  // ---- the request as a whole ---------------------------------------------------------------

  private urlPath(spoiled: Record<string, string> = {}): string {
    return this.write.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (spoiled[name] !== undefined) return spoiled[name];
      const value = this.valid.path[name];
      if (value === undefined) throw new Error(`${this.write.id}: no valid value for the path parameter ${name}; add one to the fixtures`);
      return encodeURIComponent(value);
    });
  }

  private request(kind: CaseKind, what: string, body: string | undefined, rest: Partial<MalformedRequest> = {}): MalformedRequest {
    const { headers, ...others } = rest;
    return {
      kind,
      what,
      method: this.write.method,
      path: rest.path ?? this.urlPath(),
      ...others,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body }),
    };
  }

  /** The valid body as text: the body every path and header case sends, so only the one thing is wrong. */
  private validBodyText(): string | undefined {
    return this.valid.body === undefined ? undefined : JSON.stringify(this.valid.body);
  }

  private pathCases() {
    const parameters = this.write.operation.parameters.filter((parameter) => parameter.in === 'path');
    for (const parameter of parameters) {
      for (const segment of NOT_IDS) {
        this.add('path-not-an-id', () =>
          this.sameBodyRequest('path-not-an-id', `path ${parameter.name} = ${shorten(segment)}`, {
            path: this.urlPath({ [parameter.name]: segment }),
            field: parameter.name,
            notFoundAllowed: true,
          }),
        );
      }
      if (this.resolve(parameter.schema).format === 'uuid') {
        this.add('path-id-of-nothing', () => {
          const id = this.uuid();
          return this.sameBodyRequest('path-id-of-nothing', `path ${parameter.name} = ${id}, which names nothing`, {
            path: this.urlPath({ [parameter.name]: id }),
            status: 404,
          });
        });
      }
    }
  }

  private headerCases() {
    for (const header of this.write.operation.parameters.filter((parameter) => parameter.in === 'header')) {
      const maxLength = this.resolve(header.schema).maxLength;
      if (typeof maxLength === 'number') {
        this.add('past-bound', () =>
          this.sameBodyRequest('past-bound', `header ${header.name} of ${maxLength + 1} characters`, {
            headers: { [header.name]: 'k'.repeat(maxLength + 1) },
            field: header.name,
          }),
        );
      }
      this.add('past-bound', () => this.sameBodyRequest('past-bound', `header ${header.name} of blanks only`, { headers: { [header.name]: '   ' }, field: header.name }));
    }
  }

  /** The valid body (JSON or multipart) with something else spoiled. */
  private sameBodyRequest(kind: CaseKind, what: string, rest: Partial<MalformedRequest>): MalformedRequest {
    if (!this.valid.parts) return this.request(kind, what, this.validBodyText(), rest);
    const { body, contentType } = multipartBody(Object.entries(this.valid.parts));
    const request = this.request(kind, what, undefined, rest);
    return { ...request, body, headers: { 'Content-Type': contentType, ...request.headers } };
  }

  // ---- JSON bodies ---------------------------------------------------------------------------

  private jsonCases(schema: JsonSchema) {
    if (this.valid.body === undefined) throw new Error(`${this.write.id}: a JSON body is required; add a valid one to the fixtures`);
    const base = this.valid.body;
    const slots = this.slotsOf(schema, base, [], undefined);
    for (const slot of slots) this.slotCases(base, slot);
    for (const objectPath of this.objectPaths(schema, base, [])) {
      for (const key of UNKNOWN_KEYS) {
        this.add('unknown-field', () => {
          const field = [...objectPath.path, key];
          return this.request('unknown-field', `unknown field ${JSON.stringify(field.join('.'))}`, edited(base, field, { value: 1 }), {
            field: objectPath.named ?? field.join('.'),
          });
        });
      }
      this.add('deep-nesting', () => {
        const field = [...objectPath.path, 'unexpectedField'];
        return this.request('deep-nesting', `unknown field ${field.join('.')} holding ${DEEP} nested arrays`, edited(base, field, { raw: deepArrays }), {
          field: objectPath.named ?? field.join('.'),
        });
      });
    }
    for (const shape of NOT_OBJECTS) this.add('not-an-object', () => this.request('not-an-object', `the body is ${shape.what}`, shape.text, { field: '(body)' }));
    this.add('not-an-object', () => this.request('not-an-object', 'the body is empty', '', { status: 400 }));
    this.add('not-an-object', () => this.request('not-an-object', 'the body breaks off', (this.validBodyText() ?? '{}').slice(0, -1), { status: 400 }));
  }

  /** Every field of the schema, present in the valid body or not, and the items of arrays it has. */
  private slotsOf(schema: JsonSchema, value: unknown, path: (string | number)[], union: string | undefined): Slot[] {
    const resolved = this.resolve(schema);
    const branches = (resolved.oneOf ?? resolved.anyOf) as JsonSchema[] | undefined;
    if (branches) {
      const branch = this.branchFor(branches, value);
      return branch ? this.slotsOf(branch, value, path, union ?? path.join('.')) : [];
    }
    const slots: Slot[] = [];
    const properties = resolved.properties as Record<string, JsonSchema> | undefined;
    if (properties && isObject(value)) {
      const required = new Set((resolved.required ?? []) as string[]);
      for (const [key, property] of Object.entries(properties)) {
        const childPath = [...path, key];
        slots.push({ path: childPath, schema: property, required: required.has(key), present: key in value, named: union ?? childPath.join('.') });
        if (key in value) slots.push(...this.slotsOf(property, value[key], childPath, union));
      }
    }
    const items = resolved.items as JsonSchema | undefined;
    if (items && Array.isArray(value) && value.length > 0) {
      const childPath = [...path, 0];
      slots.push({ path: childPath, schema: items, required: true, present: true, named: union ?? childPath.join('.') });
      slots.push(...this.slotsOf(items, value[0], childPath, union));
    }
    return slots;
  }

  /** The union branch the valid value takes: the object whose constants it matches, or the first of its type. */
  private branchFor(branches: JsonSchema[], value: unknown): JsonSchema | undefined {
    const resolved = branches.map((branch) => this.resolve(branch));
    if (isObject(value)) {
      const matching = resolved.find((branch) =>
        Object.entries((branch.properties ?? {}) as Record<string, JsonSchema>).every(([key, property]) => property.const === undefined || property.const === value[key]),
      );
      return matching ?? resolved.find((branch) => branch.type === 'object');
    }
    if (Array.isArray(value)) return resolved.find((branch) => branch.type === 'array');
    return undefined;
  }

  /** The objects of the valid body (the body itself, array items holding objects), where unknown fields can go. */
  private objectPaths(schema: JsonSchema, value: unknown, path: (string | number)[]): { path: (string | number)[]; named?: string }[] {
    return [
      { path },
      ...this.slotsOf(schema, value, path, undefined)
        .filter((slot) => slot.present && isObject(valueAt(value, slot.path)) && typeof slot.path[slot.path.length - 1] === 'number')
        .map((slot) => ({ path: slot.path, ...(slot.named !== slot.path.join('.') ? { named: slot.named } : {}) })),
    ];
  }

  private slotCases(base: unknown, slot: Slot) {
    const schema = this.resolve(slot.schema);
    const name = slot.path.join('.');
    const spoil = (kind: CaseKind, what: string, edit: Edit) => this.add(kind, () => this.request(kind, `${name}: ${what}`, edited(base, slot.path, edit), { field: slot.named }));
    const accepted = this.acceptedTypes(schema);

    const wrong = WRONG_VALUES.filter((candidate) => accepted.size > 0 && !accepts(accepted, candidate.value));
    for (const candidate of wrong) spoil('wrong-type', candidate.what, { value: candidate.value });

    if (slot.required && slot.present && typeof slot.path[slot.path.length - 1] === 'string') spoil('missing', 'left out', { remove: true });

    for (const bound of this.pastBounds(schema, valueAt(base, slot.path))) spoil('past-bound', bound.what, { value: bound.value });

    if (this.isMoney(schema)) {
      spoil('money-bound', `${overBound} as a number`, { raw: overBound.toString() });
      spoil('money-bound', `"${overBound}" as a string`, { value: overBound.toString() });
      spoil('money-bound', `"-${overBound}" as a string`, { value: `-${overBound}` });
    }

    if (accepted.has('string')) {
      for (const text of UNSTORABLE_TEXT) spoil('unstorable-text', JSON.stringify(text), { value: text });
      if (this.isNumeric(schema)) spoil('past-bound', 'a string of 400 digits', { value: '9'.repeat(400) });
    }

    const numbers = this.isNumeric(schema) ? HUGE_NUMBERS : [this.pick(HUGE_NUMBERS)];
    for (const literal of numbers) spoil('huge-number', `the JSON number ${shorten(literal)}`, { raw: literal });

    spoil('deep-nesting', `${DEEP} nested arrays`, { raw: deepArrays });

    if (this.isUuid(schema)) spoil('id-of-nothing', 'a random id that names nothing', { value: this.uuid() });
  }

  private acceptedTypes(schema: JsonSchema): Set<string> {
    const types = new Set<string>();
    const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
    for (const branch of branches ?? []) for (const type of this.acceptedTypes(this.resolve(branch))) types.add(type);
    if (typeof schema.type === 'string') types.add(schema.type);
    if (Array.isArray(schema.type)) for (const type of schema.type) types.add(String(type));
    if (schema.const !== undefined) types.add(jsonType(schema.const));
    if (Array.isArray(schema.enum)) for (const value of schema.enum) types.add(jsonType(value));
    if (types.has('number')) types.add('integer');
    return types;
  }

  private pastBounds(schema: JsonSchema, current: unknown): { what: string; value: unknown }[] {
    const bounds: { what: string; value: unknown }[] = [];
    const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
    for (const branch of branches ?? []) bounds.push(...this.pastBounds(this.resolve(branch), current));
    const { maxLength, minLength, maximum, minimum, exclusiveMinimum, exclusiveMaximum, maxItems, minItems } = schema;
    // JavaScript's safe-integer bounds say only "an integer": the huge-number cases go past them.
    const meaningful = (bound: unknown): bound is number => typeof bound === 'number' && Math.abs(bound) < Number.MAX_SAFE_INTEGER;
    if (typeof maxLength === 'number') bounds.push({ what: `${maxLength + 1} characters (at most ${maxLength})`, value: 'x'.repeat(maxLength + 1) });
    if (typeof minLength === 'number' && minLength > 0) bounds.push({ what: `empty (at least ${minLength} characters)`, value: '' });
    if (meaningful(maximum)) bounds.push({ what: `${maximum + 1} (at most ${maximum})`, value: maximum + 1 });
    if (meaningful(minimum)) bounds.push({ what: `${minimum - 1} (at least ${minimum})`, value: minimum - 1 });
    if (meaningful(exclusiveMinimum)) bounds.push({ what: `${exclusiveMinimum} (above ${exclusiveMinimum} only)`, value: exclusiveMinimum });
    if (meaningful(exclusiveMaximum)) bounds.push({ what: `${exclusiveMaximum} (below ${exclusiveMaximum} only)`, value: exclusiveMaximum });
    if (typeof maxItems === 'number' && Array.isArray(current) && current.length > 0) {
      bounds.push({ what: `${maxItems + 1} items (at most ${maxItems})`, value: Array.from({ length: maxItems + 1 }, () => current[0]) });
    }
    if (typeof minItems === 'number' && minItems > 0) bounds.push({ what: `no items (at least ${minItems})`, value: [] });
    if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) bounds.push({ what: 'not one of its choices', value: 'not-a-choice' });
    return bounds;
  }

  /** An amount in minor units: an integer or a string of digits, or an integer bounded by the money bound. */
  private isMoney(schema: JsonSchema): boolean {
    const branches = ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((branch) => this.resolve(branch));
    const digitString = branches.some((branch) => branch.type === 'string' && typeof branch.pattern === 'string' && branch.pattern.includes('\\d+$'));
    const integer = branches.some((branch) => branch.type === 'integer');
    return (digitString && integer) || (schema.type === 'integer' && schema.maximum === Number(MAX_AMOUNT_MINOR));
  }

  /** A value that is a number, or a number written as a string. */
  private isNumeric(schema: JsonSchema): boolean {
    const accepted = this.acceptedTypes(schema);
    if (this.isMoney(schema)) return true;
    if (!accepted.has('string')) return accepted.has('number') || accepted.has('integer');
    return accepted.has('number') || (typeof schema.pattern === 'string' && schema.pattern.includes('\\d'));
  }

  private isUuid(schema: JsonSchema): boolean {
    const branches = ((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((branch) => this.resolve(branch));
    return schema.format === 'uuid' || branches.some((branch) => branch.format === 'uuid');
  }

  // ---- multipart/form-data bodies ---------------------------------------------------------------

  private multipartCases(schema: JsonSchema) {
    const parts = this.valid.parts;
    if (!parts) throw new Error(`${this.write.id}: a multipart body is required; add valid parts to the fixtures`);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    const send = (kind: CaseKind, what: string, entries: [string, string | FilePart][], field: string) => {
      const { body, contentType } = multipartBody(entries);
      this.add(kind, () => ({ ...this.request(kind, what, undefined, { field }), body, headers: { 'Content-Type': contentType } }));
    };
    const withPart = (name: string, value: string | FilePart): [string, string | FilePart][] => [...Object.entries(parts).filter(([key]) => key !== name), [name, value]];

    for (const name of Object.keys(properties)) {
      if (required.has(name)) send('missing', `part ${name} left out`, Object.entries(parts).filter(([key]) => key !== name), name);
    }
    for (const [name, value] of Object.entries(parts)) {
      if (typeof value === 'string') {
        send('unstorable-text', `part ${name} holding U+0000`, withPart(name, `${value}\u0000`), name);
        send('past-bound', `part ${name} of more than 1 MiB`, withPart(name, 'x'.repeat(1024 * 1024 + 1)), name);
      } else {
        // (A file's name is not refused but cleaned: it comes from the sender's file system.)
        send('wrong-type', `part ${name} sent as a text field, not a file`, withPart(name, value.content), name);
      }
    }
    // Text parts the document describes as JSON ("The mapping as JSON", "JSON: how to read...").
    for (const [name, property] of Object.entries(properties)) {
      if (property.format === 'binary' || !/^JSON\b|\bas JSON\b/.test(String(property.description ?? ''))) continue;
      send('wrong-type', `part ${name} that is not JSON`, withPart(name, '{"broken": '), name);
      send('wrong-type', `part ${name} that is a JSON number`, withPart(name, '42'), name);
      send('unstorable-text', `part ${name} with an escaped lone surrogate`, withPart(name, '{"timeColumn": "\\ud800", "valueColumn": "\\u0000"}'), name);
      for (const literal of HUGE_NUMBERS) send('huge-number', `part ${name} holding the JSON number ${shorten(literal)}`, withPart(name, `{"timeColumn": ${literal}}`), name);
      send('deep-nesting', `part ${name} of ${DEEP} nested arrays`, withPart(name, deepArrays), name);
    }
    send('unknown-field', 'an unknown part', [...Object.entries(parts), ['unexpectedField', 'x']], 'unexpectedField');

    const file = Object.keys(properties).find((name) => properties[name]?.format === 'binary') ?? 'file';
    const { body } = multipartBody(Object.entries(parts));
    const raw = (what: string, text: string, contentType: string) =>
      this.add('not-an-object', () => ({ ...this.request('not-an-object', what, undefined, { field: file }), body: text, headers: { 'Content-Type': contentType } }));
    raw('a JSON body instead of a form', JSON.stringify(Object.fromEntries(Object.entries(parts).map(([key, value]) => [key, typeof value === 'string' ? value : value.content]))), 'application/json');
    raw('multipart without a boundary', body, 'multipart/form-data');
    raw('a body that breaks off inside a part', body.slice(0, Math.floor(body.length / 2)), `multipart/form-data; boundary=${BOUNDARY}`);
    raw('a boundary that never appears', body, 'multipart/form-data; boundary=not-the-boundary');
    raw('an empty body', '', `multipart/form-data; boundary=${BOUNDARY}`);
  }
}

const WRONG_VALUES: { what: string; value: unknown }[] = [
  { what: 'true instead', value: true },
  { what: 'a number instead', value: 12345 },
  { what: 'a fraction instead', value: 1.5 },
  { what: 'a string instead', value: 'text' },
  { what: 'null instead', value: null },
  { what: 'an object instead', value: { value: 1 } },
  { what: 'an array instead', value: ['text'] },
];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function accepts(types: Set<string>, value: unknown): boolean {
  return types.has(jsonType(value));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  return value;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 24)}… (${text.length} characters)` : text;
}

/** One change to a body: a value put (or raw JSON text, for what JSON.stringify cannot write), or a field removed. */
type Edit = { value: unknown } | { raw: string } | { remove: true };

const RAW_MARKER = '\u0001raw json\u0001';

/** The body as JSON text with one edit; keys are own data properties, so `__proto__` is sent as a field. */
function edited(base: unknown, path: (string | number)[], edit: Edit): string {
  const copy = JSON.parse(JSON.stringify(base)) as unknown;
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  if ('remove' in edit) delete parent[key];
  else Object.defineProperty(parent, key, { value: 'raw' in edit ? RAW_MARKER : edit.value, enumerable: true, writable: true, configurable: true });
  const text = JSON.stringify(copy);
  return 'raw' in edit ? text.replace(JSON.stringify(RAW_MARKER), () => edit.raw) : text;
}

const BOUNDARY = 'uplink-malformed-request-boundary';

function multipartBody(parts: [string, string | FilePart][]): { body: string; contentType: string } {
  const sections = parts.map(([name, value]) =>
    typeof value === 'string'
      ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.fileName}"\r\nContent-Type: text/csv\r\n\r\n${value.content}\r\n`,
  );
  return { body: `${sections.join('')}--${BOUNDARY}--\r\n`, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

/**
 * A body the schema accepts, made from it: examples, defaults and first choices, ids of things
 * that exist by field name. For an operation no valid body was written for; a schema it cannot
 * satisfy (a pattern, a rule across fields) needs one written.
 */
export function exampleBody(document: OpenApiDocument, schema: JsonSchema, ids: Record<string, string>, key?: string): unknown {
  const resolved = typeof schema.$ref === 'string' ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {} : schema;
  const examples = resolved.examples as unknown[] | undefined;
  if (examples?.[0] !== undefined) return examples[0];
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.const !== undefined) return resolved.const;
  if (Array.isArray(resolved.enum)) return resolved.enum[0];
  const branches = (resolved.oneOf ?? resolved.anyOf) as JsonSchema[] | undefined;
  const branch = branches?.find((candidate) => candidate.type !== 'null');
  if (branch) return exampleBody(document, branch, ids, key);
  const type = Array.isArray(resolved.type) ? resolved.type.find((candidate) => candidate !== 'null') : resolved.type;
  if (type === 'object') {
    const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
    const required = (resolved.required ?? []) as string[];
    return Object.fromEntries(required.map((name) => [name, exampleBody(document, properties[name] ?? {}, ids, name)]));
  }
  if (type === 'array') {
    const count = Math.max(Number(resolved.minItems ?? 1), 1);
    return Array.from({ length: count }, () => exampleBody(document, (resolved.items ?? {}) as JsonSchema, ids, key));
  }
  if (type === 'integer' || type === 'number') {
    const minimum = typeof resolved.exclusiveMinimum === 'number' ? resolved.exclusiveMinimum + 1 : Number(resolved.minimum ?? -Infinity);
    return Math.min(Math.max(1, minimum), Number(resolved.maximum ?? Infinity));
  }
  if (type === 'boolean') return false;
  if (resolved.format === 'uuid') return (key && ids[key]) ?? '00000000-0000-4000-8000-000000000000';
  if (resolved.format === 'date') return '2026-01-01';
  if (resolved.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (resolved.format === 'email') return 'someone@example.test';
  return 'x'.repeat(Math.max(Number(resolved.minLength ?? 1), 1));
}
