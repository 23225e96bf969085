// A customer's ledger read like a bank statement: each journal entry, what it changed on the
// receivable and the balance after it, with the entry's lines (both sides) beneath it.
export interface LedgerRow {
  id: string;
  date: string;
  description: string;
  change: string;
  balance: string;
  lines: { key: string; account: string; amount: string; memo: string | null }[];
}

export function LedgerTable({ entries }: { entries: LedgerRow[] }) {
  return (
    <table className="table ledger">
      <thead>
        <tr>
          <th>Date</th>
          <th>Entry and its lines</th>
          <th className="number">Change</th>
          <th className="number">Balance</th>
        </tr>
      </thead>
      <tbody>
        {entries.flatMap((entry) => [
          <tr key={entry.id} className="ledger-entry">
            <td>{entry.date}</td>
            <td>{entry.description}</td>
            <td className="number">{entry.change}</td>
            <td className="number running-balance">{entry.balance}</td>
          </tr>,
          ...entry.lines.map((line) => (
            <tr key={`${entry.id}-${line.key}`} className="sub">
              <td />
              <td>
                {line.account}
                {line.memo ? ` · ${line.memo}` : ''}
              </td>
              <td className="number">{line.amount}</td>
              <td />
            </tr>
          )),
        ])}
      </tbody>
    </table>
  );
}
