// The components of a rate as form fields, one fieldset each, usable without JavaScript: a type,
// a name, and the fields the types need (unused ones are ignored). "Add component" posts the form
// back and gets it again with one more empty fieldset.
import type { ComponentDraft } from './rate-components-form.server.js';
import { FieldError } from './page-parts.js';

const TYPES = [
  { value: 'fixed', label: 'fixed: an amount per period' },
  { value: 'per_day', label: 'per day: an amount per active day' },
  { value: 'stepped', label: 'stepped: each range’s units at its price' },
  { value: 'volume', label: 'volume: the total’s range prices every unit' },
  { value: 'package', label: 'package: per started package of units' },
];

const name = (index: number, field: string) => `component-${index}-${field}`;

export function RateComponentsEditor({ drafts, currency, errors }: { drafts: ComponentDraft[]; currency: string; errors: Record<string, string> | undefined }) {
  return (
    <>
      <input type="hidden" name="componentCount" value={drafts.length} />
      {drafts.map((draft, index) => (
        <fieldset key={index} className="panel component-fieldset">
          <legend>Component {index + 1}</legend>
          <label>
            Type
            <select name={name(index, 'type')} defaultValue={draft.type}>
              <option value="">(none: leave this component out)</option>
              {TYPES.map((type) => (
                <option key={type.value} value={type.value}>
                  {type.label}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field={name(index, 'type')} />
          <label>
            Name on the invoice
            <input name={name(index, 'name')} defaultValue={draft.name} maxLength={120} />
          </label>
          <FieldError errors={errors} field={name(index, 'name')} />
          <label>
            Meter key (stepped, volume, package)
            <input name={name(index, 'meter')} defaultValue={draft.meter} placeholder="data" />
          </label>
          <FieldError errors={errors} field={name(index, 'meter')} />
          <label>
            Unit the ranges and packages count in (optional; default: the meter&apos;s)
            <input name={name(index, 'unit')} defaultValue={draft.unit} placeholder="GB" maxLength={20} />
          </label>
          <FieldError errors={errors} field={name(index, 'unit')} />
          <label>
            Amount in minor units of {currency} (fixed, per day, package: per package)
            <input name={name(index, 'amount')} defaultValue={draft.amount} inputMode="numeric" />
          </label>
          <FieldError errors={errors} field={name(index, 'amount')} />
          <label>
            Package size in units (package)
            <input name={name(index, 'packageSize')} defaultValue={draft.packageSize} inputMode="decimal" />
          </label>
          <FieldError errors={errors} field={name(index, 'packageSize')} />
          <label>
            Free units (package, optional)
            <input name={name(index, 'freeUnits')} defaultValue={draft.freeUnits} inputMode="decimal" />
          </label>
          <FieldError errors={errors} field={name(index, 'freeUnits')} />
          <label>
            Ranges (stepped, volume): one per line, “upTo unitPrice [flatAmount]”, prices in minor units; “-” as upTo for the last, open range
            <textarea name={name(index, 'ranges')} defaultValue={draft.ranges} rows={4} placeholder={'100 0\n1000 0.045\n- 0.03'} />
          </label>
          <FieldError errors={errors} field={name(index, 'ranges')} />
          <label>
            Minimum per period in minor units (stepped, volume, package; optional)
            <input name={name(index, 'minimumAmount')} defaultValue={draft.minimumAmount} inputMode="numeric" />
          </label>
          <FieldError errors={errors} field={name(index, 'minimumAmount')} />
        </fieldset>
      ))}
      <FieldError errors={errors} field="components" />
      <button type="submit" name="intent" value="add-component" className="secondary" formNoValidate>
        Add component
      </button>
    </>
  );
}
