// The parts a statement page has on the staff and the customer side alike: the period filter and
// the opening and closing balances.
import { Form } from '@remix-run/react';

export function StatementPeriodForm({ from, to }: { from: string; to: string }) {
  return (
    <Form method="get" className="inline-form filters" role="search">
      <label>
        From
        <input type="date" name="from" defaultValue={from} />
      </label>
      <label>
        To
        <input type="date" name="to" defaultValue={to} />
      </label>
      <button type="submit" className="secondary">
        Show
      </button>
    </Form>
  );
}

export function StatementBalances({ opening, closing }: { opening: string; closing: string }) {
  return (
    <dl className="facts">
      <dt>Opening balance</dt>
      <dd className="opening-balance">{opening}</dd>
      <dt>Closing balance</dt>
      <dd className="closing-balance">{closing}</dd>
    </dl>
  );
}
