// The mapping step of a bank statement: which column holds the date, amount, direction, currency
// (or one currency for every row), reference, bank transaction id and payer. Built from the parts
// every import's mapping form shares; plain form fields, so it works without JavaScript.
import { Form } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { ColumnSelect, DateFormatSelect, DecimalSeparatorSelect, OfferedFrom, mappingFields, type MappingFormData } from './import-mapping-form.js';
import { FieldError } from './page-parts.js';

const COLUMN_FIELDS = [
  { field: 'dateColumn', label: 'Booking date', required: true },
  { field: 'amountColumn', label: 'Amount (money out negative)', required: true },
  { field: 'directionColumn', label: 'Credit or debit (for amounts without a sign)' },
  { field: 'currencyColumn', label: 'Currency' },
  { field: 'referenceColumn', label: 'Reference or description', required: true },
  { field: 'transactionIdColumn', label: "Bank's transaction id" },
  { field: 'payerColumn', label: 'Payer name' },
] as const;

export function StatementMappingForm({ data, errors }: { data: Omit<MappingFormData, 'defaultTimeZone'>; errors: Record<string, string> | undefined }) {
  return (
    <Form method="post" className="stacked-form">
      <CsrfField />
      <input type="hidden" name="intent" value="map" />
      <OfferedFrom from={data.offeredFrom} />
      {COLUMN_FIELDS.map(({ field, label, ...rest }) => (
        <ColumnSelect key={field} field={field} label={label} columns={data.columns} offered={data.offered[field]} required={'required' in rest} errors={errors} />
      ))}
      <label>
        Currency of every row (instead of a column)
        <input name="currency" defaultValue={data.offered.currency ?? ''} placeholder="EUR" maxLength={3} />
      </label>
      <FieldError errors={errors} field="mapping.currency" />
      <DateFormatSelect data={data} errors={errors} />
      <DecimalSeparatorSelect offered={data.offered.decimalSeparator} errors={errors} />
      <button type="submit">Match every transfer</button>
    </Form>
  );
}

/** The posted form as a statement mapping: empty fields are left out; a required column left at "(none)" is refused. */
export function statementMappingFromForm(form: FormData): Record<string, string> {
  const names = [...COLUMN_FIELDS.map(({ field }) => field), 'currency', 'dateFormat', 'decimalSeparator'];
  const mapping = mappingFields(form, names, COLUMN_FIELDS.filter((column) => 'required' in column));
  if (mapping.currency) mapping.currency = mapping.currency.toUpperCase();
  return mapping;
}
