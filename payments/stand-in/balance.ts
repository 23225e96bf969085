// The stand-in's balance: every charge, refund, dispute and payout moves it by a balance
// transaction, and everything is available at once (Stripe holds card money a few days).
import { newId, nowSeconds } from './ids.js';
import type { BalanceTransactionObject } from './objects.js';
import { answer, type ApiHandler, type StandInState } from './state.js';

export function addBalanceTransaction(
  state: StandInState,
  entry: Pick<BalanceTransactionObject, 'amount' | 'currency' | 'fee' | 'source' | 'type' | 'reporting_category' | 'description'>,
): BalanceTransactionObject {
  const now = nowSeconds();
  return state.store.put<BalanceTransactionObject>({
    id: newId('txn'),
    object: 'balance_transaction',
    ...entry,
    fee_details: entry.fee === 0 ? [] : [{ amount: entry.fee, currency: entry.currency, type: 'stripe_fee', description: 'Stripe processing fees', application: null }],
    net: entry.amount - entry.fee,
    status: 'available',
    available_on: now,
    created: now,
  });
}

/** What could be paid out now, per currency. */
export function availableBalance(state: StandInState): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of state.store.all('balance_transaction')) totals.set(entry.currency, (totals.get(entry.currency) ?? 0) + entry.net);
  return totals;
}

export const retrieveBalance: ApiHandler = (state) => ({
  status: 200,
  body: {
    object: 'balance',
    available: [...availableBalance(state)].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
    pending: [],
    livemode: false,
  },
});

export const retrieveBalanceTransaction: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'balance_transaction'));
