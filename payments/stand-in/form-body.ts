// Stripe's form encoding, read back into nested values: `metadata[invoice]=42`, `expand[]=x` or
// `expand[0]=x`, `setup_intent_data[metadata][k]=v`. The official SDKs send this (and the same in
// query strings for GET), so the stand-in must read exactly it.
import { invalidRequest } from './errors.js';

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

const MAX_PAIRS = 1_000;
const MAX_DEPTH = 5;
const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses `a=1&b[c]=2` (already without the leading `?`). Throws a 400 StandInError for what Stripe would refuse. */
export function parseForm(text: string): FormParams {
  const root: FormParams = {};
  const pairs = new URLSearchParams(text);
  let count = 0;
  for (const [key, value] of pairs) {
    if (++count > MAX_PAIRS) throw invalidRequest(`Too many parameters (more than ${MAX_PAIRS}).`);
    const match = KEY.exec(key);
    if (!match) throw invalidRequest(`Invalid parameter name: ${key}`, { param: key });
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    if (path.length > MAX_DEPTH) throw invalidRequest(`Parameter nested too deeply: ${key}`, { param: key });
    if (path.some((segment) => FORBIDDEN.has(segment))) throw invalidRequest(`Invalid parameter name: ${key}`, { param: key });
    assign(root, path, value, key);
  }
  return arraysFromIndexes(root) as FormParams;
}

function assign(root: FormParams, path: string[], value: string, key: string): void {
  let node: Record<string, FormValue> = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const segment = segmentOf(node, path[i]!);
    const next = node[segment];
    if (next === undefined) {
      const child: Record<string, FormValue> = {};
      node[segment] = child;
      node = child;
    } else if (typeof next === 'object' && !Array.isArray(next)) {
      node = next;
    } else {
      throw invalidRequest(`Invalid parameter: ${key} mixes a value and a hash`, { param: key });
    }
  }
  const last = segmentOf(node, path[path.length - 1]!);
  if (typeof node[last] === 'object') throw invalidRequest(`Invalid parameter: ${key} mixes a value and a hash`, { param: key });
  node[last] = value;
}

/** `[]` appends: it takes the next free index of that node. */
function segmentOf(node: Record<string, FormValue>, segment: string): string {
  if (segment !== '') return segment;
  let index = 0;
  while (String(index) in node) index += 1;
  return String(index);
}

/** A node whose keys are exactly 0..n-1 was an array. */
function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: Record<string, FormValue> = {};
  for (const key of keys) converted[key] = arraysFromIndexes(value[key]!);
  const isArray = keys.length > 0 && keys.every((key, i) => key === String(i));
  return isArray ? keys.map((key) => converted[key]!) : converted;
}
