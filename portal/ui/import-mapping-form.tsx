// The mapping step of an import: the file's columns with sample rows, a select per field, and
// the detected date format with an override. Plain form fields, so it works without JavaScript.
// The parts (sample table, column select, date format and decimal separator) serve every kind of
// import; MappingForm is the readings file's.
import { Form } from '@remix-run/react';
import { ValidationError } from '../../server/services/errors.js';
import { CsrfField } from './csrf-field.js';
import { FieldError } from './page-parts.js';

export interface MappingFormData {
  columns: string[];
  sample: { line: number; cells: (string | number | boolean | null)[] }[];
  offered: Record<string, string | undefined>;
  offeredFrom: 'import' | 'saved' | 'suggested';
  detectedDateFormat: { format: string; ambiguous: boolean; candidates: string[] } | null;
  dateFormats: readonly string[];
  defaultTimeZone: string;
}

const COLUMN_FIELDS = [
  { field: 'meterIdColumn', label: 'Meter id' },
  { field: 'customerColumn', label: 'Customer (id or email), instead of a meter id' },
  { field: 'meterKeyColumn', label: 'Meter key (with a customer column)' },
  { field: 'timeColumn', label: 'Time of the reading', required: true },
  { field: 'valueColumn', label: 'Value', required: true },
  { field: 'unitColumn', label: 'Unit' },
  { field: 'refColumn', label: 'Reference' },
  { field: 'replacementColumn', label: 'Meter replaced (yes/no)' },
] as const;

const OFFERED_FROM = {
  import: 'the mapping this import was last validated with',
  saved: 'the mapping saved for this source',
  suggested: 'a guess from the column names; check it',
};

export function SampleTable({ columns, sample }: Pick<MappingFormData, 'columns' | 'sample'>) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th className="number">Line</th>
            {columns.map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map((row) => (
            <tr key={row.line}>
              <td className="number">{row.line}</td>
              {columns.map((column, i) => (
                <td key={column}>{row.cells[i] === null || row.cells[i] === undefined ? '' : String(row.cells[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Errors = Record<string, string> | undefined;

/** Says where the offered mapping comes from. */
export function OfferedFrom({ from }: { from: MappingFormData['offeredFrom'] }) {
  return <p>Offered: {OFFERED_FROM[from]}.</p>;
}

/** A select of the file's columns for one field of a mapping, with its refusal below it. */
export function ColumnSelect(props: { field: string; label: string; columns: string[]; offered: string | undefined; required?: boolean; errors: Errors }) {
  return (
    <div>
      <label>
        {props.label}
        <select name={props.field} defaultValue={props.offered ?? ''} required={props.required ?? false}>
          <option value="">(none)</option>
          {props.columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </label>
      <FieldError errors={props.errors} field={`mapping.${props.field}`} />
    </div>
  );
}

/** The date format: detected from the sample, or chosen (an ambiguous column must be). */
export function DateFormatSelect({ data, errors }: { data: Pick<MappingFormData, 'offered' | 'detectedDateFormat' | 'dateFormats'>; errors: Errors }) {
  const { detectedDateFormat } = data;
  return (
    <>
      <label>
        Date format{' '}
        {detectedDateFormat
          ? `(detected: ${detectedDateFormat.format}${detectedDateFormat.ambiguous ? `, ambiguous between ${detectedDateFormat.candidates.join(' and ')}: choose one` : ''})`
          : ''}
        <select name="dateFormat" defaultValue={data.offered.dateFormat ?? ''}>
          <option value="">{detectedDateFormat ? `detected (${detectedDateFormat.format})` : 'detect'}</option>
          {data.dateFormats.map((format) => (
            <option key={format} value={format}>
              {format}
            </option>
          ))}
        </select>
      </label>
      <FieldError errors={errors} field="mapping.dateFormat" />
    </>
  );
}

export function DecimalSeparatorSelect({ offered, errors }: { offered: string | undefined; errors: Errors }) {
  return (
    <>
      <label>
        Decimal separator
        <select name="decimalSeparator" defaultValue={offered ?? ''}>
          <option value="">detect</option>
          <option value=".">. (12.5)</option>
          <option value=",">, (12,5)</option>
        </select>
      </label>
      <FieldError errors={errors} field="mapping.decimalSeparator" />
    </>
  );
}

export function MappingForm({ data, errors }: { data: MappingFormData; errors: Record<string, string> | undefined }) {
  const { columns, offered } = data;
  const fieldError = (field: string) => <FieldError errors={errors} field={`mapping.${field}`} />;
  return (
    <Form method="post" className="stacked-form">
      <CsrfField />
      <input type="hidden" name="intent" value="map" />
      <OfferedFrom from={data.offeredFrom} />
      {COLUMN_FIELDS.map(({ field, label, ...rest }) => (
        <ColumnSelect key={field} field={field} label={label} columns={columns} offered={offered[field]} required={'required' in rest} errors={errors} />
      ))}
      <label>
        Meter key for every row (instead of a column)
        <input name="meterKey" defaultValue={offered.meterKey ?? ''} placeholder="data" />
      </label>
      {fieldError('meterKey')}
      <label>
        Unit for every row (instead of a column; default: each meter&apos;s own unit)
        <input name="unit" defaultValue={offered.unit ?? ''} placeholder="GB" />
      </label>
      {fieldError('unit')}
      <DateFormatSelect data={data} errors={errors} />
      <label>
        Time zone of times without an offset
        <input name="timeZone" defaultValue={offered.timeZone ?? ''} placeholder={data.defaultTimeZone} />
      </label>
      {fieldError('timeZone')}
      <DecimalSeparatorSelect offered={offered.decimalSeparator} errors={errors} />
      <button type="submit">Validate every row</button>
    </Form>
  );
}

/**
 * The posted mapping form as a mapping: empty fields are left out (detected, or not mapped). A
 * required column left at "(none)" (the browser did not check the form) is refused naming it.
 */
export function mappingFromForm(form: FormData): Record<string, string> {
  const names = [...COLUMN_FIELDS.map(({ field }) => field), 'meterKey', 'unit', 'dateFormat', 'timeZone', 'decimalSeparator'];
  return mappingFields(form, names, COLUMN_FIELDS.filter((column) => 'required' in column));
}

/**
 * The named fields of a posted mapping form, empty ones left out; a required column left at
 * "(none)" is refused naming it.
 */
export function mappingFields(form: FormData, names: readonly string[], required: readonly { field: string; label: string }[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === 'string' && value.trim() !== '') mapping[name] = value.trim();
  }
  const missing = required.filter((column) => mapping[column.field] === undefined);
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map(({ field, label }) => ({ field: `mapping.${field}`, message: `is required: choose the column that holds the ${label.toLowerCase()}` })),
    );
  }
  return mapping;
}
