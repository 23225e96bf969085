// The lines of a one-off invoice or a quote with each line's tax, and the net, tax and total under
// them: the same table on the staff and the customer pages. Amounts arrive formatted.
export interface ItemLineRow {
  position: number;
  description: string;
  quantity: string;
  unitPrice: string;
  /** "21%" */
  taxRate: string;
  tax: string;
  net: string;
}

/**
 * `document` names the table's classes (`quote-lines`, `invoice-total`), which tests and styles find it by.
 * On a phone each line is a card headed by its description (`table-stack`).
 */
export function ItemLinesTable(props: { document: 'invoice' | 'quote'; lines: ItemLineRow[]; net: string; tax: string; total: string }) {
  const { document, lines } = props;
  return (
    <table className={`table table-stack ${document}-lines`}>
      <thead>
        <tr>
          <th>Description</th>
          <th className="number">Quantity</th>
          <th className="number">Unit price</th>
          <th className="number">Tax rate</th>
          <th className="number">Tax</th>
          <th className="number">Net</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.position}>
            <td className="cell-heading">{line.description}</td>
            <td className="number" data-label="Quantity">{line.quantity}</td>
            <td className="number" data-label="Unit price">{line.unitPrice}</td>
            <td className="number" data-label="Tax rate">{line.taxRate}</td>
            <td className="number" data-label="Tax">{line.tax}</td>
            <td className="number" data-label="Net">{line.net}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {(['net', 'tax', 'total'] as const).map((row) => (
          <tr key={row}>
            <td colSpan={5}>{row === 'net' ? 'Net' : row === 'tax' ? 'Tax' : 'Total'}</td>
            <td className={`number ${document}-${row}`}>{props[row]}</td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}
