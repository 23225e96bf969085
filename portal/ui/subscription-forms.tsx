// The forms on a customer's page that put them on a plan: change the plan of an active
// subscription (from the next period), or start one for a customer set up without a plan.
import { Form, Link } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';
import { PlanSelect, type PlanOption } from './plan-select.js';

interface PanelProps {
  currency: string;
  /** Plans in the customer's currency. */
  plans: PlanOption[];
  errors: Record<string, string> | undefined;
}

export function ChangePlanPanel({ currency, plans, currentPlanId, errors }: PanelProps & { currentPlanId: string | undefined }) {
  return (
    <section className="panel">
      <h2>Change plan</h2>
      {plans.length > 1 ? (
        <Form method="post" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="change-plan" />
          <label>
            New plan ({currency})
            <PlanSelect plans={plans} exclude={currentPlanId} />
          </label>
          <button type="submit">Change plan</button>
        </Form>
      ) : (
        <p className="hint">
          There is no other plan in {currency}. <Link to="/staff/plans">Create one</Link> to move this customer to it.
        </p>
      )}
      <FieldError errors={errors} field="planId" />
      <FieldError errors={errors} field="form" />
      <p className="hint">The current period is billed on the current plan; the new plan applies from the next period.</p>
    </section>
  );
}

export function StartSubscriptionPanel({ currency, plans, errors }: PanelProps) {
  return (
    <section className="panel">
      <h2>Start subscription</h2>
      {plans.length > 0 ? (
        <Form method="post" className="stacked-form">
          <CsrfField />
          <input type="hidden" name="intent" value="subscribe" />
          <label>
            Plan ({currency})
            <PlanSelect plans={plans} />
          </label>
          <FieldError errors={errors} field="planId" />
          <label>
            Start date (optional; today if empty)
            <input name="startDate" type="date" />
          </label>
          <FieldError errors={errors} field="startDate" />
          <label>
            Billing day of the month (optional)
            <input name="billingDay" type="number" min={1} max={31} inputMode="numeric" />
          </label>
          <FieldError errors={errors} field="billingDay" />
          <FieldError errors={errors} field="customerId" />
          <FieldError errors={errors} field="form" />
          <button type="submit">Start subscription</button>
        </Form>
      ) : (
        <p className="hint">
          There is no plan in {currency} yet. <Link to="/staff/plans">Create one</Link> first.
        </p>
      )}
    </section>
  );
}
