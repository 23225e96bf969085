export interface PlanOption {
  id: string;
  currency: string;
  /** "Fibre 100 · €49.00 per month" */
  label: string;
}

/** A `planId` select; with `emptyLabel`, choosing no plan is allowed. */
export function PlanSelect({ plans, emptyLabel, exclude }: { plans: PlanOption[]; emptyLabel?: string; exclude?: string }) {
  return (
    <select name="planId" required={emptyLabel === undefined} defaultValue="">
      <option value="" disabled={emptyLabel === undefined}>
        {emptyLabel ?? 'Choose a plan'}
      </option>
      {plans
        .filter((plan) => plan.id !== exclude)
        .map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.label}
          </option>
        ))}
    </select>
  );
}
