// The chart-of-accounts endpoints of the registry (see endpoints.server.ts). Accounts are named by
// their code, which postings refer to and which never changes.
import { z } from 'zod';
import { accountUpdateSchema, newAccountSchema } from '../../server/services/books/accounts.js';
import { accountWire } from '../../server/views/account-json.js';
import { documented } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

const accountParams = z.object({ accountCode: z.string().meta({ description: 'The account code, such as 4200.' }) });
const typeDoc = { description: 'asset, liability, equity, income or expense.' };

export const accountsEndpoints = {
  listAccounts: defineEndpoint({
    id: 'listAccounts',
    method: 'GET',
    path: '/api/v1/accounts',
    tag: 'Accounts',
    summary: 'The chart of accounts, by code, with posted balances',
    authenticated: true,
    response: z.object({ items: z.array(accountWire) }),
    successStatus: 200,
  }),
  createAccount: defineEndpoint({
    id: 'createAccount',
    method: 'POST',
    path: '/api/v1/accounts',
    tag: 'Accounts',
    summary: 'Add an account to the chart',
    description: 'The code (3 to 6 digits) is unique and never changes. Answers 201 with the account and its URL in `Location`.',
    authenticated: true,
    body: documented(newAccountSchema, { code: { examples: ['4200'] }, type: typeDoc }).strict(),
    response: accountWire,
    successStatus: 201,
  }),
  getAccount: defineEndpoint({
    id: 'getAccount',
    method: 'GET',
    path: '/api/v1/accounts/{accountCode}',
    tag: 'Accounts',
    summary: 'Get an account with its posted balances',
    authenticated: true,
    params: accountParams,
    response: accountWire,
    successStatus: 200,
  }),
  updateAccount: defineEndpoint({
    id: 'updateAccount',
    method: 'PATCH',
    path: '/api/v1/accounts/{accountCode}',
    tag: 'Accounts',
    summary: 'Rename an account or change its type',
    description:
      'Send only the fields to change; the code cannot change. The type can change only while nothing depends on it: ' +
      'not once journal lines are posted to the account, not for the accounts the ledger itself posts to, and not while plans or rates book revenue to it.',
    authenticated: true,
    params: accountParams,
    body: documented(accountUpdateSchema, { type: typeDoc })
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, 'must change at least one of name, type'),
    response: accountWire,
    successStatus: 200,
  }),
};
