import { describe, expect, it } from 'vitest';
import type { AccountSnapshot } from '../activities/account-types.js';
import {
  applyPlanChange,
  currentPeriod,
  duePlanChange,
  finalPeriod,
  initialState,
  recordInvoice,
  requestPlanChange,
  startSubscription,
  statusView,
} from './account-state.js';

const terms = {
  subscriptionId: 'sub-1',
  planId: 'plan-home',
  interval: 'month' as const,
  anchor: { day: 31 },
  startDate: '2026-01-31',
};

function snapshot(subscription: AccountSnapshot['subscription'] = terms): AccountSnapshot {
  return { customerId: 'cust-1', currency: 'EUR', subscription, balance: { amountMinor: '0', currency: 'EUR' } };
}

function invoiced(state: ReturnType<typeof initialState>, periodEnd: string) {
  recordInvoice(state, {
    invoice: { invoiceId: `inv-${periodEnd}`, number: 'INV', periodStart: state.nextPeriodStart!, periodEnd, total: { amountMinor: '4900', currency: 'EUR' } },
    balance: { amountMinor: '4900', currency: 'EUR' },
  });
}

describe('account state', () => {
  it('starts active from a subscription, billing from its start date to the first anniversary', () => {
    const state = initialState(snapshot());
    expect(state.lifecycle).toBe('active');
    expect(currentPeriod(state)).toEqual({ start: '2026-01-31', end: '2026-02-28', cycle: { start: '2026-01-31', end: '2026-02-28' } });
    expect(statusView(state).nextBillDate).toBe('2026-02-28');
  });

  it('waits as pending without a subscription, and starts once one arrives', () => {
    const state = initialState(snapshot(null));
    expect(state.lifecycle).toBe('pending');
    expect(currentPeriod(state)).toBeNull();
    startSubscription(state, terms);
    expect(state.lifecycle).toBe('active');
    expect(state.nextPeriodStart).toBe('2026-01-31');
  });

  it('moves to the next period after each invoice, clamping to month ends', () => {
    const state = initialState(snapshot());
    invoiced(state, '2026-02-28');
    expect(currentPeriod(state)).toMatchObject({ start: '2026-02-28', end: '2026-03-31' });
    expect(state.invoicesIssued).toBe(1);
  });

  it('applies a plan change from the end of the period in progress, even with periods still to catch up', () => {
    const state = initialState(snapshot());
    // Today is mid-April while February is the next period to invoice: the change waits for May.
    requestPlanChange(state, { planId: 'plan-business', interval: 'month' }, '2026-04-15');
    expect(state.pendingPlanChange?.effectiveFrom).toBe('2026-04-30');
    expect(duePlanChange(state)).toBeNull();
    invoiced(state, '2026-02-28');
    invoiced(state, '2026-03-31');
    expect(duePlanChange(state)).toBeNull();
    invoiced(state, '2026-04-30');
    const due = duePlanChange(state);
    expect(due?.planId).toBe('plan-business');
    applyPlanChange(state, due!);
    expect(state.subscription?.planId).toBe('plan-business');
    expect(state.pendingPlanChange).toBeNull();
  });

  it('renews a monthly plan switched to yearly on the switch day each year', () => {
    const state = initialState(snapshot());
    requestPlanChange(state, { planId: 'plan-yearly', interval: 'year' }, '2026-02-10');
    invoiced(state, '2026-02-28');
    applyPlanChange(state, duePlanChange(state)!);
    expect(state.subscription?.anchor).toEqual({ day: 29, month: 2 });
    expect(currentPeriod(state)).toMatchObject({ start: '2026-02-28', end: '2027-02-28' });
  });

  it('bills the days used before a cancellation, and nothing when it falls on a bill date', () => {
    const state = initialState(snapshot());
    expect(finalPeriod(state, '2026-02-10')).toEqual({
      start: '2026-01-31',
      end: '2026-02-10',
      cycle: { start: '2026-01-31', end: '2026-02-28' },
    });
    invoiced(state, '2026-02-28');
    expect(finalPeriod(state, '2026-02-28')).toBeNull();
  });

  it('ignores a plan change for an account that is not billing', () => {
    const state = initialState(snapshot(null));
    requestPlanChange(state, { planId: 'plan-business', interval: 'month' }, '2026-04-15');
    expect(state.pendingPlanChange).toBeNull();
  });
});
