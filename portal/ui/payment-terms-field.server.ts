// A posted payment-terms field for the services: empty means none given (for a customer, the
// company default), digits are a number, anything else goes as typed so the service refuses it
// with billing's sentence, naming the field.
export function postedTermsDays(form: FormData, name: string): number | string | null {
  const value = form.get(name);
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : text;
}
