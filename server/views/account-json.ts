// An account as JSON: the one shape the REST API answers with and `uplink accounts ... --json`
// prints. Balances in wire form (minor units as a string), one per currency posted in.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import { ACCOUNT_TYPES, type AccountWithBalances } from '../services/books/accounts.js';
import { moneyWire, timestamp } from './wire-parts.js';

export const accountWire = z
  .object({
    code: z.string().regex(/^\d{3,6}$/),
    name: z.string(),
    type: z.enum(ACCOUNT_TYPES),
    balances: z.array(moneyWire).meta({ description: 'What has been posted to the account, one per currency: debits positive, credits negative.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'Account' });

export function accountJson(account: AccountWithBalances): z.input<typeof accountWire> {
  return {
    code: account.code,
    name: account.name,
    type: account.type,
    balances: account.balances.map(toWire),
    createdAt: account.createdAt.toISOString(),
  };
}
