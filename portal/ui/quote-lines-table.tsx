// A quote's lines with each line's tax, and the totals under them.
export interface QuoteLineRow {
  position: number;
  description: string;
  quantity: string;
  unitAmount: string;
  amount: string;
  taxRate: string;
  tax: string;
}

export function QuoteLinesTable({ lines, net, tax, total }: { lines: QuoteLineRow[]; net: string; tax: string; total: string }) {
  return (
    <table className="table quote-lines">
      <thead>
        <tr>
          <th>Description</th>
          <th className="number">Quantity</th>
          <th className="number">Unit price (net)</th>
          <th className="number">Net</th>
          <th className="number">Tax rate</th>
          <th className="number">Tax</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.position}>
            <td>{line.description}</td>
            <td className="number">{line.quantity}</td>
            <td className="number">{line.unitAmount}</td>
            <td className="number">{line.amount}</td>
            <td className="number">{line.taxRate}</td>
            <td className="number">{line.tax}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>Net</th>
          <td className="number">{net}</td>
          <td />
          <td />
        </tr>
        <tr>
          <th colSpan={5}>Tax</th>
          <td className="number">{tax}</td>
        </tr>
        <tr>
          <th colSpan={5}>Total</th>
          <td className="number quote-total">{total}</td>
        </tr>
      </tfoot>
    </table>
  );
}
