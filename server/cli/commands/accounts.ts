// `uplink accounts list|create`: the chart of accounts.
import { formatMoney } from '../../../billing/money.js';
import { createAccount, listAccounts } from '../../services/books/accounts.js';
import { accountJson } from '../../views/account-json.js';
import type { Command } from '../command.js';

export const accountsCreate: Command = {
  name: 'accounts create',
  summary: 'Add an account to the chart of accounts.',
  options: {
    code: { type: 'string', description: '3 to 6 digits, unique; it never changes', placeholder: '<digits>', required: true },
    name: { type: 'string', description: 'the name staff see', placeholder: '<text>', required: true },
    type: { type: 'string', description: 'asset, liability, equity, income or expense', placeholder: '<type>', required: true },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const account = await createAccount(ctx, { code: input.option('code'), name: input.option('name'), type: input.option('type') });
    out.result(accountJson(account), (print) => print.line(`Created ${account.type} account ${account.code} ${account.name}`));
  },
};

export const accountsList: Command = {
  name: 'accounts list',
  summary: 'The chart of accounts, by code, with what is posted to each (debits positive).',
  options: {},
  temporal: 'none',
  async run(_input, { ctx }, out) {
    const accounts = await listAccounts(ctx);
    out.result({ items: accounts.map(accountJson) }, (print) =>
      print.table(
        [{ header: 'CODE' }, { header: 'NAME' }, { header: 'TYPE' }, { header: 'BALANCE', align: 'right' }],
        accounts.map((account) => [account.code, account.name, account.type, account.balances.map((balance) => formatMoney(balance)).join(', ') || '-']),
      ),
    );
  },
};
