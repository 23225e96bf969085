// A customer's payment terms on their page: their own, or the company default, and a small form
// to give them terms of their own or take them back to the default.
import { Form, Link } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';

export interface CustomerTermsView {
  /** "Net 14 (company default)", "Net 30", "Due on receipt". */
  label: string;
  /** The customer's own terms in days, as the form shows them; empty on the company default. */
  ownDays: string;
}

export function PaymentTermsPanel({ terms, errors }: { terms: CustomerTermsView; errors: Record<string, string> | undefined }) {
  return (
    <section className="panel payment-terms">
      <h2>Payment terms</h2>
      <p className="customer-terms">{terms.label}</p>
      <Form method="post" className="inline-form">
        <CsrfField />
        <input type="hidden" name="intent" value="payment-terms" />
        <label>
          Days after issue (empty for the company default)
          <input name="paymentTermsDays" type="number" inputMode="numeric" min={0} max={365} step={1} defaultValue={terms.ownDays} />
        </label>
        <button type="submit">Save terms</button>
      </Form>
      <FieldError errors={errors} field="paymentTermsDays" />
      <p className="hint">
        0 is due on receipt. New terms date the invoices issued from now on; invoices already issued keep their due dates. The company
        default is in <Link to="/staff/settings">Settings</Link>.
      </p>
    </section>
  );
}
