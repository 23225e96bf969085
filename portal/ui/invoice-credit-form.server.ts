// The staff credit note form as service input, and the service's refusals back on its fields.
// Each invoice line has an amount box (net, in cents) and an "all that remains" box; the whole
// invoice is credited when the form says so.
import { optionalField } from './form-fields.server.js';

export const creditAmountName = (position: number) => `credit-${position}-amountMinor`;
export const creditRestName = (position: number) => `credit-${position}-rest`;

export interface CreditForm {
  input: { reason: string; lines?: { position: number; amountMinor?: string }[] };
  /** The invoice line position each requested line is about, in request order. */
  positionOfLine: number[];
  /** What was typed, to show the form again. */
  values: { reason: string; scope: 'whole' | 'lines'; amounts: Record<string, string>; rest: Record<string, boolean> };
}

export function readCreditForm(form: FormData, positions: number[]): CreditForm {
  const reason = String(form.get('reason') ?? '');
  const scope = form.get('scope') === 'lines' ? 'lines' : 'whole';
  const amounts: Record<string, string> = {};
  const rest: Record<string, boolean> = {};
  const lines: { position: number; amountMinor?: string }[] = [];
  for (const position of positions) {
    const amount = optionalField(form, creditAmountName(position));
    const all = form.get(creditRestName(position)) === 'on';
    amounts[position] = amount ?? '';
    rest[position] = all;
    if (all) lines.push({ position });
    else if (amount !== undefined) lines.push({ position, amountMinor: amount });
  }
  return {
    input: scope === 'whole' ? { reason } : { reason, lines },
    positionOfLine: lines.map((line) => line.position),
    values: { reason, scope, amounts, rest },
  };
}

/** `lines[1].amountMinor` → the amount box of the invoice line it was about. */
export function errorsOnCreditForm(errors: Record<string, string>, positionOfLine: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const match = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
      const position = match ? positionOfLine[Number(match[1])] : undefined;
      if (!match || position === undefined) return [field === 'lines' ? 'credit-lines' : field, message];
      return [creditAmountName(position), message];
    }),
  );
}
