// What the new-rate and edit-rate forms do on submit: "Add component" shows the form again with
// one more empty fieldset (nothing stored); saving turns the fieldsets into components and stores
// them, or shows the form again as typed, with every refusal next to its field.
import { data } from '@remix-run/node';
import { ValidationError } from '../../server/services/errors.js';
import type { Rate } from '../../server/services/rates/rates.js';
import { componentsFromDrafts, emptyDraft, formErrorsOf, readDrafts, type ComponentDraft } from './rate-components-form.server.js';

export interface RateFormValues {
  name: string;
  currency: string;
  revenueAccountCode: string;
}

export interface RateFormState {
  values: RateFormValues;
  drafts: ComponentDraft[];
  errors?: Record<string, string>;
}

type Outcome = { ok: true; rate: Rate } | { ok: false; response: ReturnType<typeof data<RateFormState>> };

export async function rateFormAction(form: FormData, save: (input: { name: string; currency: string; revenueAccountCode?: string; components: unknown[] }) => Promise<Rate>): Promise<Outcome> {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values = { name: text('name'), currency: text('currency').toUpperCase(), revenueAccountCode: text('revenueAccountCode') };
  const drafts = readDrafts(form);
  if (form.get('intent') === 'add-component') return { ok: false, response: data({ values, drafts: [...drafts, emptyDraft()] }) };
  let fieldsets: number[] = [];
  try {
    const read = componentsFromDrafts(drafts);
    fieldsets = read.fieldsets;
    const rate = await save({ ...values, revenueAccountCode: values.revenueAccountCode || undefined, components: read.components });
    return { ok: true, rate };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, response: data({ values, drafts, errors: formErrorsOf(error.problems, fieldsets) }, { status: 422 }) };
  }
}
