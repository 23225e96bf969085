// The rate form's components, as people type them: one fieldset per component, amounts in minor
// units, ranges one per line as "upTo unitPrice [flatAmount]" ("-" or nothing for the open last
// range). Turns the fields into components for the rates service, keeps what was typed to show
// it again, and places the service's refusals (components[1].ranges[0].upTo) next to the field.
import { ValidationError, type FieldProblem } from '../../server/services/errors.js';
import type { RateComponent } from '../../billing/rating/components.js';

export interface ComponentDraft {
  type: string;
  name: string;
  meter: string;
  unit: string;
  amount: string;
  minimumAmount: string;
  packageSize: string;
  freeUnits: string;
  ranges: string;
}

const DRAFT_FIELDS: (keyof ComponentDraft)[] = ['type', 'name', 'meter', 'unit', 'amount', 'minimumAmount', 'packageSize', 'freeUnits', 'ranges'];
const MAX_COMPONENTS = 50;

export const fieldName = (index: number, field: keyof ComponentDraft | string) => `component-${index}-${field}`;

export const emptyDraft = (): ComponentDraft => ({ type: '', name: '', meter: '', unit: '', amount: '', minimumAmount: '', packageSize: '', freeUnits: '', ranges: '' });

/** What the form holds, blank components included. */
export function readDrafts(form: FormData): ComponentDraft[] {
  const count = Math.min(MAX_COMPONENTS, Math.max(0, Number(form.get('componentCount')) || 0));
  return Array.from({ length: count }, (_, index) => {
    const draft = emptyDraft();
    for (const field of DRAFT_FIELDS) draft[field] = String(form.get(fieldName(index, field)) ?? '').trim();
    return draft;
  });
}

/** The stored components as the form shows them. */
export function draftsOf(components: RateComponent[]): ComponentDraft[] {
  return components.map((component) => {
    const draft = { ...emptyDraft(), type: component.type, name: component.name };
    if (component.type === 'fixed' || component.type === 'per_day') return { ...draft, amount: String(component.amount) };
    const consumption = { ...draft, meter: component.meter, unit: component.unit ?? '', minimumAmount: component.minimumAmount === undefined ? '' : String(component.minimumAmount) };
    if (component.type === 'package') {
      return { ...consumption, amount: String(component.amount), packageSize: String(component.packageSize), freeUnits: component.freeUnits === undefined ? '' : String(component.freeUnits) };
    }
    const ranges = component.ranges.map((range) => [range.upTo ?? '-', range.unitAmountDecimal, ...(range.flatAmount === undefined ? [] : [range.flatAmount])].join(' '));
    return { ...consumption, ranges: ranges.join('\n') };
  });
}

/** A typed number as a number; anything else as typed, for the service to refuse by name. */
const numberOr = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
const optional = (text: string) => (text === '' ? {} : undefined);

/**
 * The components to store, and for each its fieldset's index (blank fieldsets are left out).
 * Ranges that cannot be read are refused here, naming the fieldset and line.
 */
export function componentsFromDrafts(drafts: ComponentDraft[]): { components: unknown[]; fieldsets: number[] } {
  const components: unknown[] = [];
  const fieldsets: number[] = [];
  const problems: FieldProblem[] = [];
  drafts.forEach((draft, index) => {
    if (draft.type === '') return;
    fieldsets.push(index);
    const base = { type: draft.type, name: draft.name };
    const minimum = optional(draft.minimumAmount) ?? { minimumAmount: numberOr(draft.minimumAmount) };
    const unit = optional(draft.unit) ?? { unit: draft.unit };
    if (draft.type === 'fixed' || draft.type === 'per_day') components.push({ ...base, amount: numberOr(draft.amount) });
    else if (draft.type === 'package') {
      components.push({
        ...base,
        meter: draft.meter,
        ...unit,
        packageSize: numberOr(draft.packageSize),
        amount: numberOr(draft.amount),
        ...(optional(draft.freeUnits) ?? { freeUnits: numberOr(draft.freeUnits) }),
        ...minimum,
      });
    } else {
      const ranges = parseRanges(draft.ranges);
      if ('problem' in ranges) problems.push({ field: fieldName(index, 'ranges'), message: ranges.problem });
      components.push({ ...base, meter: draft.meter, ...unit, ranges: 'problem' in ranges ? [] : ranges.ranges, ...minimum });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return { components, fieldsets };
}

function parseRanges(text: string): { ranges: unknown[] } | { problem: string } {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return { problem: 'write at least one range: "upTo unitPrice [flatAmount]", one per line' };
  const ranges: unknown[] = [];
  for (const [number, line] of lines.entries()) {
    const tokens = line.split(/\s+/);
    if (tokens.length > 3) return { problem: `line ${number + 1}: write upTo, unit price and an optional flat amount, such as "100 0.045 500"` };
    // A single value is the unit price of the open last range.
    const [upTo, price, flat] = tokens.length === 1 ? ['-', tokens[0], undefined] : tokens;
    const open = upTo === '-' || upTo === '';
    if (!open && !/^\d+(\.\d+)?$/.test(upTo ?? '')) return { problem: `line ${number + 1}: upTo "${upTo}" must be a number, or "-" for the last range` };
    ranges.push({ upTo: open ? null : Number(upTo), unitAmountDecimal: price ?? '', ...(flat === undefined ? {} : { flatAmount: numberOr(flat) }) });
  }
  return { ranges };
}

/**
 * The service's problems as the form's field errors: `components[1].ranges[0].upTo` goes next to
 * that fieldset's ranges, as "line 1: upTo ...".
 */
export function formErrorsOf(problems: FieldProblem[], fieldsets: number[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const add = (key: string, message: string) => (errors[key] = errors[key] ? `${errors[key]}; ${message}` : message);
  for (const { field, message } of problems) {
    const match = /^components\[(\d+)\](?:\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?)?$/.exec(field);
    const fieldset = match ? fieldsets[Number(match[1])] : undefined;
    if (!match || fieldset === undefined) add(field, message);
    else if (match[3] !== undefined) add(fieldName(fieldset, 'ranges'), `line ${Number(match[3]) + 1}: ${match[4] ? `${match[4]} ` : ''}${message}`);
    else add(fieldName(fieldset, match[2] ?? 'type'), message);
  }
  return errors;
}
