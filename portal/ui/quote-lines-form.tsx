// The rows of item lines on the staff quote form: an item, a quantity, and optional overrides of
// its price, description and tax rate. Errors show under the field they are about.
import { FieldError } from './page-parts.js';

export interface ItemChoice {
  id: string;
  label: string;
}

type LineField = 'itemId' | 'quantity' | 'unitAmountMinor' | 'description' | 'taxRate';
type Row = Record<LineField, string>;

const name = (row: number, field: LineField) => `line-${row}-${field}`;

export function QuoteLinesFields({ items, rows, errors }: { items: ItemChoice[]; rows: Row[]; errors: Record<string, string> | undefined }) {
  return (
    <fieldset className="quote-lines-form">
      <legend>Lines</legend>
      <input type="hidden" name="rowCount" value={rows.length} />
      <FieldError errors={errors} field="lines" />
      {rows.map((row, index) => (
        <div className="inline-form quote-line" key={index} data-row={index}>
          <label>
            {`Item ${index + 1}`}
            <select name={name(index, 'itemId')} defaultValue={row.itemId}>
              <option value="">—</option>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Quantity
            <input name={name(index, 'quantity')} defaultValue={row.quantity} inputMode="decimal" size={6} placeholder="1" />
          </label>
          <label>
            Unit price, cents (optional)
            <input name={name(index, 'unitAmountMinor')} defaultValue={row.unitAmountMinor} inputMode="numeric" size={8} placeholder="item's" />
          </label>
          <label>
            Description (optional)
            <input name={name(index, 'description')} defaultValue={row.description} maxLength={500} placeholder="item's name" />
          </label>
          <label>
            Tax % (optional)
            <input name={name(index, 'taxRate')} defaultValue={row.taxRate} inputMode="decimal" size={5} placeholder="item's" />
          </label>
          {(['itemId', 'quantity', 'unitAmountMinor', 'description', 'taxRate'] as const).map((field) => (
            <FieldError key={field} errors={errors} field={name(index, field)} />
          ))}
        </div>
      ))}
    </fieldset>
  );
}
