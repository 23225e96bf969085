// Reading one parameter of a parsed request, refused the way Stripe refuses it: a 400 naming it.
import { invalidRequest } from './errors.js';
import type { FormParams, FormValue } from './form-body.js';

export function optionalString(params: FormParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name} must be a string`, { param: name });
  return value;
}

export function requiredString(params: FormParams, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw invalidRequest(`Missing required param: ${name}.`, { param: name });
  return value;
}

export function optionalBoolean(params: FormParams, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`Invalid boolean: ${value}`, { param: name });
}

export function optionalInteger(params: FormParams, name: string, bounds: { min: number; max: number }): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, { param: name });
  const n = Number(value);
  if (n < bounds.min) throw invalidRequest(`This value must be greater than or equal to ${bounds.min}.`, { param: name });
  if (n > bounds.max) throw invalidRequest(`This value must be less than or equal to ${bounds.max}.`, { param: name });
  return n;
}

export function requiredInteger(params: FormParams, name: string, bounds: { min: number; max: number }): number {
  const value = optionalInteger(params, name, bounds);
  if (value === undefined) throw invalidRequest(`Missing required param: ${name}.`, { param: name });
  return value;
}

/** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500. */
export function metadataOf(params: FormParams, name = 'metadata'): Record<string, string> {
  const value: FormValue | undefined = params[name];
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid hash: ${name}`, { param: name });
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidRequest('Metadata can have up to 50 keys.', { param: name });
  const metadata: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidRequest(`Invalid metadata value for ${key}`, { param: `${name}[${key}]` });
    if (key.length > 40) throw invalidRequest('Metadata keys can be up to 40 characters long.', { param: `${name}[${key}]` });
    if (item.length > 500) throw invalidRequest('Metadata values can be up to 500 characters long.', { param: `${name}[${key}]` });
    metadata[key] = item;
  }
  return metadata;
}

export function hashOf(params: FormParams, name: string): FormParams {
  const value = params[name];
  if (value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid hash: ${name}`, { param: name });
  return value;
}

export function stringList(params: FormParams, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item): item is string => typeof item === 'string')) throw invalidRequest(`Invalid array: ${name}`, { param: name });
  return list;
}

export function currencyOf(params: FormParams, name = 'currency'): string {
  const value = requiredString(params, name).toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) throw invalidRequest(`Invalid currency: ${value}.`, { param: name });
  return value;
}

/** The stand-in takes cards only: `allowed_payment_method_types` (or the older `payment_method_types`) may name nothing else. */
export function onlyCards(params: FormParams): void {
  for (const name of ['allowed_payment_method_types', 'payment_method_types']) {
    if (stringList(params, name).some((type) => type !== 'card')) throw invalidRequest('The stand-in takes card payments only.', { param: name });
  }
}
