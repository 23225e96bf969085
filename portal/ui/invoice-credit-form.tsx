// The staff form that credits an invoice: a reason, and either the whole remainder or an amount
// (net, in cents) per line. Errors show under the field they are about.
import { Form, useNavigation } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';

export interface CreditableLineRow {
  position: number;
  description: string;
  /** What remains to credit on the line, net, formatted. */
  remaining: string;
}

export interface CreditFormValues {
  reason: string;
  scope: 'whole' | 'lines';
  amounts: Record<string, string>;
  rest: Record<string, boolean>;
}

export function InvoiceCreditForm({ lines, values, errors }: { lines: CreditableLineRow[]; values: CreditFormValues; errors: Record<string, string> | undefined }) {
  const submitting = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="stacked-form credit-form">
      <CsrfField />
      <input type="hidden" name="intent" value="credit" />
      <label>
        Reason (shown to the customer)
        <textarea name="reason" defaultValue={values.reason} maxLength={1000} />
      </label>
      <FieldError errors={errors} field="reason" />
      <fieldset>
        <legend>What to credit</legend>
        <label className="inline-choice">
          <input type="radio" name="scope" value="whole" defaultChecked={values.scope === 'whole'} /> All that remains of the invoice
        </label>
        <label className="inline-choice">
          <input type="radio" name="scope" value="lines" defaultChecked={values.scope === 'lines'} /> Only these lines (net amounts; tax follows in proportion)
        </label>
        <FieldError errors={errors} field="credit-lines" />
        {lines.map((line) => (
          <div className="inline-form credit-line" key={line.position} data-position={line.position}>
            <span>
              {line.description} <span className="hint">({line.remaining} left)</span>
            </span>
            <label>
              Amount, cents
              <input name={`credit-${line.position}-amountMinor`} defaultValue={values.amounts[line.position] ?? ''} inputMode="numeric" size={8} />
            </label>
            <label className="inline-choice">
              <input type="checkbox" name={`credit-${line.position}-rest`} defaultChecked={values.rest[line.position] ?? false} /> all of it
            </label>
            <FieldError errors={errors} field={`credit-${line.position}-amountMinor`} />
          </div>
        ))}
      </fieldset>
      {/* Disabled while the request is on its way, so a double click cannot credit twice. */}
      <button type="submit" disabled={submitting}>
        Issue credit note
      </button>
    </Form>
  );
}
