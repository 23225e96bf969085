// The customer page's rates and meters: what it shows, and its two forms (assign a rate, add a
// meter). Refusals are keyed by form ("rate:from", "meter:key") so each shows next to its own field.
import { data } from '@remix-run/node';
import { assignRate, listCustomerRates } from '../../server/services/rates/customer-rates.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { createMeter, customerMeters } from '../../server/services/readings/meters.js';
import { ratesInCurrency } from '../../server/services/rates/rates.js';
import { isoInstant } from '../../server/services/readings/read-at.js';
import { optionalField } from './form-fields.server.js';
import { formatDate, formatDateTime } from './format.js';

export type ConsumptionSectionsData = Awaited<ReturnType<typeof customerConsumption>>;

export async function customerConsumption(ctx: ServiceContext, customer: { id: string; currency: string }, timeZone: string) {
  const [assignments, rates, meters] = await Promise.all([listCustomerRates(ctx, customer.id), ratesInCurrency(ctx, customer.currency), customerMeters(ctx, customer.id)]);
  return {
    currency: customer.currency,
    assignments: assignments.map((assignment) => ({
      id: assignment.id,
      rateId: assignment.rateId,
      rateName: assignment.rateName,
      from: formatDate(assignment.from),
      endedOn: assignment.endedOn ? formatDate(assignment.endedOn) : null,
    })),
    rateOptions: rates.map((rate) => ({ id: rate.id, label: rate.name })),
    meters: meters.map((meter) => ({
      id: meter.id,
      key: meter.key,
      unit: meter.unit,
      kind: meter.kind,
      latest: meter.latestReading && {
        value: `${meter.latestReading.value} ${meter.unit}`,
        at: formatDateTime(isoInstant(meter.latestReading.readAt), timeZone),
      },
    })),
  };
}

export const CONSUMPTION_INTENTS = ['assign-rate', 'add-meter'];

/** Runs the rates or meters form; a redirect target on success, or the page's 422 answer. */
export async function consumptionAction(ctx: ServiceContext, customerId: string, form: FormData) {
  const intent = form.get('intent');
  const prefix = intent === 'assign-rate' ? 'rate' : 'meter';
  try {
    if (intent === 'assign-rate') {
      const assignment = await assignRate(ctx, customerId, {
        rateId: optionalField(form, 'rateId') ?? '',
        from: optionalField(form, 'from') ?? '',
        replaces: optionalField(form, 'replaces'),
      });
      return { ok: true as const, notice: `Rate “${assignment.rateName}” applies from ${formatDate(assignment.from)}.` };
    }
    const meter = await createMeter(ctx, {
      customerId,
      key: optionalField(form, 'key') ?? '',
      unit: optionalField(form, 'unit') ?? '',
      kind: optionalField(form, 'kind') ?? '',
      registerMax: optionalField(form, 'registerMax'),
      base: Number(optionalField(form, 'base') ?? 1000),
    });
    return { ok: true as const, notice: `Meter “${meter.key}” added.` };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors = Object.fromEntries(error.problems.map((problem) => [`${prefix}:${problem.field}`, problem.message]));
    return { ok: false as const, response: data({ errors }, { status: 422 }) };
  }
}
