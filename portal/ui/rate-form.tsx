// The fields of a rate (name, currency, revenue account, components), shared by the new and edit pages.
import { Form } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';
import { RateComponentsEditor } from './rate-components-editor.js';
import type { RateFormState } from './rate-form-action.server.js';

export function RateForm({ state, submitLabel, currencyHint }: { state: RateFormState; submitLabel: string; currencyHint?: string }) {
  const { values, drafts, errors } = state;
  return (
    <Form method="post" className="stacked-form rate-form">
      <CsrfField />
      <label>
        Name
        <input name="name" required maxLength={120} defaultValue={values.name} />
      </label>
      <FieldError errors={errors} field="name" />
      <label>
        Currency
        <input name="currency" required maxLength={3} placeholder="EUR" defaultValue={values.currency} />
      </label>
      {currencyHint ? <p className="hint">{currencyHint}</p> : null}
      <FieldError errors={errors} field="currency" />
      <label>
        Revenue account (optional; usage revenue 4100 if empty)
        <input name="revenueAccountCode" maxLength={20} defaultValue={values.revenueAccountCode} />
      </label>
      <FieldError errors={errors} field="revenueAccountCode" />
      <RateComponentsEditor drafts={drafts} currency={values.currency || 'the currency'} errors={errors} />
      <FieldError errors={errors} field="form" />
      <button type="submit" name="intent" value="save">
        {submitLabel}
      </button>
    </Form>
  );
}
