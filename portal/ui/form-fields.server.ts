// Reading form fields for the services: text that cannot be stored is refused for every form at
// once, an empty field means "not given", and a number field that is not a number is refused here,
// with the field's name, before any service runs.
import { ValidationError, type FieldProblem } from '../../server/services/errors.js';
import { textProblem } from '../api/wire-text.js';

/** Every field of a posted form, name or text, that Postgres cannot store (wire-text.ts). */
export function unstorableFields(fields: Iterable<[string, FormDataEntryValue]>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of fields) {
    const problem = textProblem(name) ?? (typeof value === 'string' ? textProblem(value) : null);
    if (problem) problems.push({ field: name, message: problem });
  }
  return problems;
}

/**
 * Refuses a posted form holding text that cannot be stored (U+0000, a lone surrogate) with 422,
 * naming the field, before any service runs. Called where forms are read (staffAction,
 * customerAction, the sign-in pages), so no form needs its own check.
 */
export function assertStorableForm(form: FormData): void {
  const problems = unstorableFields(form.entries());
  if (problems.length === 0) return;
  throw new Response(`${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}. Remove it and send the form again; nothing was saved.`, {
    status: 422,
    statusText: 'Form has text that cannot be stored',
  });
}

export function optionalField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function optionalWholeNumber(form: FormData, name: string): number | undefined {
  const value = optionalField(form, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ValidationError([{ field: name, message: 'must be a whole number' }]);
  return Number(value);
}
