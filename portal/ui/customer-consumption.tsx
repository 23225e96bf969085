// The customer page's Rates and Meters sections: the rates the customer is billed on (and a form
// to assign one, optionally replacing a current one), and their meters with each one's latest
// reading (and a form to add one).
import { Form, Link } from '@remix-run/react';
import { CsrfField } from './csrf-field.js';
import type { ConsumptionSectionsData } from './customer-consumption.server.js';
import { EmptyState, FieldError } from './page-parts.js';

type Props = ConsumptionSectionsData & { errors: Record<string, string> | undefined };

export function CustomerConsumption(props: Props) {
  return (
    <div className="grid">
      <CustomerRates {...props} />
      <CustomerMeters {...props} />
    </div>
  );
}

function CustomerRates({ currency, assignments, rateOptions, errors }: Props) {
  const current = assignments.filter((assignment) => assignment.endedOn === null);
  return (
    <section className="panel" aria-labelledby="rates-heading">
      <h2 id="rates-heading">Rates</h2>
      {assignments.length === 0 ? (
        <p className="hint">No rates: only the plan is billed.</p>
      ) : (
        <table className="table customer-rates">
          <thead>
            <tr>
              <th>Rate</th>
              <th>From</th>
              <th>Until</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((assignment) => (
              <tr key={assignment.id}>
                <td>
                  <Link to={`/staff/rates/${assignment.rateId}`}>{assignment.rateName}</Link>
                </td>
                <td>{assignment.from}</td>
                <td>{assignment.endedOn ?? 'current'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rateOptions.length === 0 ? (
        <p className="hint">
          There is no rate in {currency} yet. <Link to="/staff/rates/new">Create one</Link> to assign it.
        </p>
      ) : (
        <Form method="post" className="stacked-form">
          <CsrfField />
          <input type="hidden" name="intent" value="assign-rate" />
          <label>
            Assign rate ({currency})
            <select name="rateId" required defaultValue="">
              <option value="" disabled>
                Choose a rate
              </option>
              {rateOptions.map((rate) => (
                <option key={rate.id} value={rate.id}>
                  {rate.label}
                </option>
              ))}
            </select>
          </label>
          <FieldError errors={errors} field="rate:rateId" />
          <label>
            From
            <input name="from" type="date" required />
          </label>
          <FieldError errors={errors} field="rate:from" />
          {current.length > 0 ? (
            <label>
              Replaces (it ends on the new rate’s first day)
              <select name="replaces" defaultValue="">
                <option value="">Nothing: add alongside the current rates</option>
                {current.map((assignment) => (
                  <option key={assignment.id} value={assignment.id}>
                    {assignment.rateName} (from {assignment.from})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <FieldError errors={errors} field="rate:replaces" />
          <button type="submit">Assign rate</button>
        </Form>
      )}
    </section>
  );
}

function CustomerMeters({ meters, errors }: Props) {
  return (
    <section className="panel" aria-labelledby="meters-heading">
      <h2 id="meters-heading">Meters</h2>
      {meters.length === 0 ? (
        <EmptyState title="No meters yet">Add one below; rate components price its consumption by its key.</EmptyState>
      ) : (
        <table className="table customer-meters">
          <thead>
            <tr>
              <th>Meter</th>
              <th>Kind</th>
              <th>Latest reading</th>
            </tr>
          </thead>
          <tbody>
            {meters.map((meter) => (
              <tr key={meter.id}>
                <td>
                  <Link to={`/staff/meters/${meter.id}`}>{meter.key}</Link> ({meter.unit})
                </td>
                <td>{meter.kind}</td>
                <td>{meter.latest ? `${meter.latest.value} at ${meter.latest.at}` : 'none yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Form method="post" className="stacked-form">
        <CsrfField />
        <input type="hidden" name="intent" value="add-meter" />
        <label>
          Key (what rate components call it)
          <input name="key" required placeholder="data" />
        </label>
        <FieldError errors={errors} field="meter:key" />
        <label>
          Unit
          <input name="unit" required placeholder="GB" />
        </label>
        <FieldError errors={errors} field="meter:unit" />
        <label>
          Kind
          <select name="kind" defaultValue="cumulative">
            <option value="cumulative">cumulative: a register; consumption is the difference</option>
            <option value="delta">delta: each reading is consumption</option>
          </select>
        </label>
        <FieldError errors={errors} field="meter:kind" />
        <label>
          Register maximum (cumulative, optional: where it rolls over to 0)
          <input name="registerMax" inputMode="decimal" />
        </label>
        <FieldError errors={errors} field="meter:registerMax" />
        <label>
          A kB is
          <select name="base" defaultValue="1000">
            <option value="1000">1000 bytes</option>
            <option value="1024">1024 bytes</option>
          </select>
        </label>
        <FieldError errors={errors} field="meter:base" />
        <FieldError errors={errors} field="meter:customerId" />
        <button type="submit">Add meter</button>
      </Form>
    </section>
  );
}
