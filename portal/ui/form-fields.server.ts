// Reading optional form fields for the services: an empty field means "not given", and a number
// field that is not a number is refused here, with the field's name, before any service runs.
import { ValidationError } from '../../server/services/errors.js';

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
