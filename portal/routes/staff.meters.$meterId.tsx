// One meter: its readings, newest first, with the consumption each added and whether it was
// billed, and a form to enter a reading by hand that shows the previous one right above it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { getCustomerRecord } from '../../server/services/customers/customer-directory.js';
import { getMeter, listMeterReadings } from '../../server/services/readings/meters.js';
import { isoInstant } from '../../server/services/readings/read-at.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import { redirectWithNotice, requireStaff, staffAction } from '../auth/staff-session.server.js';
import { CsrfField } from '../ui/csrf-field.js';
import { optionalField } from '../ui/form-fields.server.js';
import { formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, FieldError, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { withQueryErrors } from '../ui/query-errors.server.js';
import { zonedLocalToIso } from '../ui/zoned-time.js';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `Meter ${loaded?.meter.key ?? ''} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { services: ctx, settings } = args.context;
  const meter = await notFoundAs404(() => getMeter(ctx, args.params.meterId ?? ''));
  const customer = await getCustomerRecord(ctx, meter.customerId);
  const cursor = new URL(args.request.url).searchParams.get('cursor') ?? undefined;
  const page = await withQueryErrors(() => listMeterReadings(ctx, meter.id, { cursor }));
  const at = (readAt: string) => formatDateTime(isoInstant(readAt), settings.timeZone);
  return {
    timeZone: settings.timeZone,
    meter: { id: meter.id, key: meter.key, unit: meter.unit, kind: meter.kind, registerMax: meter.registerMax, base: meter.base },
    customer: { id: customer.id, name: customer.name },
    previous: meter.latestReading && { value: `${meter.latestReading.value} ${meter.unit}`, at: at(meter.latestReading.readAt) },
    nextCursor: page.nextCursor,
    readings: page.items.map((reading) => ({
      id: reading.id,
      at: at(reading.readAt),
      value: reading.value,
      consumption: reading.consumption,
      replacement: reading.replacement,
      source: reading.source,
      invoiceId: reading.invoiceId,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { form } = await staffAction(args);
  const meterId = args.params.meterId ?? '';
  const meter = await notFoundAs404(() => getMeter(args.context.services, meterId));
  const typedAt = optionalField(form, 'readAt');
  const readAt = typedAt === undefined ? undefined : zonedLocalToIso(typedAt, args.context.settings.timeZone);
  if (readAt && !readAt.ok) return data({ errors: { readAt: readAt.message } as Record<string, string> }, { status: 422 });
  const result = await recordReadings(
    args.context.services.db,
    [
      {
        meterId: meter.id,
        readAt: readAt?.readAt,
        value: optionalField(form, 'value'),
        unit: optionalField(form, 'unit'),
        replacement: form.get('replacement') === 'on',
      },
    ],
    'manual',
  );
  if (result.errors.length > 0) {
    return data({ errors: Object.fromEntries(result.errors.map((error) => [error.field, error.message])) }, { status: 422 });
  }
  const here = `/staff/meters/${meter.id}`;
  return redirectWithNotice(args, here, result.duplicates > 0 ? 'This reading was already stored; nothing changed.' : 'Reading recorded.');
}

export default function MeterPage() {
  const { meter, customer, previous, readings, nextCursor, timeZone } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { search } = useLocation();
  return (
    <>
      <PageHeader
        title={`Meter ${meter.key}`}
        subtitle={
          <>
            <Link to={`/staff/customers/${customer.id}`}>← {customer.name}</Link> · {meter.kind} · in {meter.unit}
            {meter.registerMax ? ` · rolls over after ${meter.registerMax}` : ''}
          </>
        }
      />

      <section className="panel">
        <h2>Enter a reading</h2>
        <Form method="post" className="stacked-form">
          <CsrfField />
          <p className="previous-reading">{previous ? `Previous reading: ${previous.value} at ${previous.at}` : 'No reading yet: the first one is the baseline.'}</p>
          <label>
            Read at ({timeZone})
            <input name="readAt" type="datetime-local" step={1} required />
          </label>
          <FieldError errors={errors} field="readAt" />
          <label>
            Value
            <input name="value" inputMode="decimal" required />
          </label>
          <FieldError errors={errors} field="value" />
          <label>
            Unit (optional; {meter.unit} if empty)
            <input name="unit" placeholder={meter.unit} />
          </label>
          <FieldError errors={errors} field="unit" />
          {meter.kind === 'cumulative' ? (
            <label className="checkbox">
              <input name="replacement" type="checkbox" /> The meter was replaced: this is the new register’s first reading
            </label>
          ) : null}
          <FieldError errors={errors} field="replacement" />
          <FieldError errors={errors} field="meterId" />
          <button type="submit">Record reading</button>
        </Form>
      </section>

      <section className="page-section" aria-labelledby="readings-heading">
        <h2 id="readings-heading">Readings</h2>
        {readings.length === 0 ? (
          <EmptyState title="No readings yet">Readings entered here, sent to the API or imported from files appear here.</EmptyState>
        ) : (
          <table className="table readings">
            <thead>
              <tr>
                <th>Read at</th>
                <th className="number">Value ({meter.unit})</th>
                <th className="number">Consumption</th>
                <th>Source</th>
                <th>Billed</th>
              </tr>
            </thead>
            <tbody>
              {readings.map((reading) => (
                <tr key={reading.id}>
                  <td>{reading.at}</td>
                  <td className="number">
                    {reading.value}
                    {reading.replacement ? ' (new register)' : ''}
                  </td>
                  <td className="number">{reading.consumption}</td>
                  <td>{reading.source}</td>
                  <td>{reading.invoiceId ? <Link to={`/staff/invoices/${reading.invoiceId}`}>billed</Link> : 'not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <NextPageLink nextCursor={nextCursor} search={search} />
      </section>
    </>
  );
}
