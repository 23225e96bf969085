// Shown on a customer's page while the account's billing is blocked: which step failed, since
// when and why, and the form staff resume it with once the data is fixed.
import { Form } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';

export interface BillingBlockView {
  /** Formatted in the staff time zone. */
  since: string;
  /** The step in words, e.g. "issuing the invoice". */
  step: string;
  reason: string;
}

export function BillingBlockPanel({ block, errors }: { block: BillingBlockView; errors: Record<string, string> | undefined }) {
  return (
    <section className="panel billing-blocked" aria-labelledby="billing-blocked-heading">
      <h2 id="billing-blocked-heading">Billing blocked</h2>
      <p className="warning">
        Nothing more is billed for this account until it is resumed: {block.step} failed in a way that retrying does not fix. Other
        accounts bill as usual.
      </p>
      <dl className="facts">
        <dt>Since</dt>
        <dd className="billing-blocked-since">{block.since}</dd>
        <dt>Step</dt>
        <dd>{block.step}</dd>
        <dt>Reason</dt>
        <dd className="billing-blocked-reason">{block.reason}</dd>
      </dl>
      <Form method="post" className="stacked-form">
        <CsrfField />
        <input type="hidden" name="intent" value="resume-billing" />
        <label>
          What was fixed (optional, kept in the workflow history)
          <input name="note" type="text" maxLength={500} />
        </label>
        <FieldError errors={errors} field="note" />
        <FieldError errors={errors} field="form" />
        <button type="submit">Resume billing</button>
      </Form>
      <p className="hint">Fix the data the reason points at first. The step then runs again, and the periods missed meanwhile are billed once each.</p>
    </section>
  );
}
