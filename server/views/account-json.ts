// An account as JSON: the one shape the REST API answers with and `uplink accounts ... --json`
// prints. Balances in wire form (minor units as a string), one per currency posted in.
import { toWire, type MoneyWire } from '../../billing/money.js';
import type { AccountType, AccountWithBalances } from '../services/books/accounts.js';

export interface AccountJson {
  code: string;
  name: string;
  type: AccountType;
  /** What has been posted to the account, per currency: debits positive, credits negative. */
  balances: MoneyWire[];
  createdAt: string;
}

export function accountJson(account: AccountWithBalances): AccountJson {
  return {
    code: account.code,
    name: account.name,
    type: account.type,
    balances: account.balances.map(toWire),
    createdAt: account.createdAt.toISOString(),
  };
}
