// Collections settings over the REST API against the real stack: a dunning policy created and
// edited (version 2 beside an unchanged version 1), a penalty class with a rule replaced and
// archived, a customer's own class and a penalty preview, and refusals that name the field
// (`definition.steps[2].afterDays`) with nothing stored.
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { dunningPolicyVersions, items } from '../../db/schema.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
});
afterAll(() => harness?.dispose());

const put = (path: string, body: unknown) => api.send('PUT', path, JSON.stringify(body), { 'Content-Type': 'application/json' });

const definition = (warningAfterDays: number) => ({
  minimumOverdueMinor: { EUR: 500 },
  steps: [
    { afterDays: 1, action: 'email_reminder' },
    { afterDays: warningAfterDays, action: 'email_warning' },
    { afterDays: 30, action: 'suspend' },
  ],
  cardRetryDays: [1, 3, 7],
  invoiceWhileSuspended: true,
  maxPromiseDays: 14,
});

describe('dunning policies', () => {
  it('creates version 1, edits to version 2 and keeps version 1 as written', async () => {
    const created = await api.post('/api/v1/dunning-policies', { name: 'Residential', definition: definition(7) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/dunning-policies/${created.body.id}`);
    // The first policy is the default.
    expect(created.body).toMatchObject({ name: 'Residential', isDefault: true, currentVersion: 1 });
    expect(created.body.versions[0].definition.minimumOverdueMinor).toEqual({ EUR: '500' });

    const edited = await put(`/api/v1/dunning-policies/${created.body.id}`, { definition: definition(10) });
    expect(edited.status).toBe(200);
    expect(edited.body.currentVersion).toBe(2);
    expect(edited.body.versions.map((v: { version: number; definition: { steps: { afterDays: number }[] } }) => [v.version, v.definition.steps[1]!.afterDays])).toEqual([
      [1, 7],
      [2, 10],
    ]);
    expect((await api.get(`/api/v1/dunning-policies/${created.body.id}`)).body).toEqual(edited.body);
    expect((await api.get('/api/v1/dunning-policies')).body.items).toEqual([
      { id: created.body.id, name: 'Residential', isDefault: true, currentVersion: 2, createdAt: created.body.createdAt },
    ]);

    const other = await api.post('/api/v1/dunning-policies', { name: 'Business', definition: definition(5) });
    expect(other.body.isDefault).toBe(false);
    expect((await api.post(`/api/v1/dunning-policies/${other.body.id}/default`)).body.isDefault).toBe(true);
    expect((await api.get(`/api/v1/dunning-policies/${created.body.id}`)).body.isDefault).toBe(false);
  });

  it('answers 422 naming the field of the definition, storing nothing, and 404 for an unknown policy', async () => {
    const [before] = await harness.stack.ctx.db.select({ n: count() }).from(dunningPolicyVersions);
    const bad = definition(7);
    bad.steps[2]!.afterDays = 4000;
    const refused = await api.post('/api/v1/dunning-policies', { name: 'Too patient', definition: bad });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors).toEqual([{ field: 'definition.steps[2].afterDays', message: 'must be between 0 and 3650 days, got 4000' }]);
    const [after] = await harness.stack.ctx.db.select({ n: count() }).from(dunningPolicyVersions);
    expect(after).toEqual(before);
    expect((await put('/api/v1/dunning-policies/00000000-0000-4000-8000-000000000000', { definition: definition(7) })).status).toBe(404);
  });
});

describe('penalty classes and the preview', () => {
  it('adds, replaces and archives rules, and previews what the class charges an overdue invoice', async () => {
    const penaltyClass = await api.post('/api/v1/penalty-classes', { name: 'Standard' });
    expect(penaltyClass.status).toBe(201);
    const classUrl = `/api/v1/penalty-classes/${penaltyClass.body.id}`;
    const withFee = await api.post(`${classUrl}/rules`, { definition: { kind: 'flat', label: 'Late payment fee', currency: 'EUR', amountMinor: 900 } });
    expect(withFee.status).toBe(201);
    const feeId = withFee.body.rules[0].id;
    expect(withFee.body.rules[0].definition).toMatchObject({ id: feeId, kind: 'flat', amountMinor: '900' });

    const replaced = await put(`${classUrl}/rules/${feeId}`, { definition: { kind: 'flat', label: 'Late payment fee', currency: 'EUR', amountMinor: 500 } });
    expect(replaced.body.rules.map((r: { id: string; definition: { amountMinor: string } }) => [r.id, r.definition.amountMinor])).toEqual([[feeId, '500']]);
    const percent = await api.post(`${classUrl}/rules`, { definition: { kind: 'percentage', label: 'Late payment charge', percent: '2' } });
    const percentId = percent.body.rules[1].id;
    const refused = await api.post(`${classUrl}/rules`, { definition: { kind: 'percentage', label: 'Late payment charge', percent: 'two' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['definition.percent']);

    const customer = await api.post('/api/v1/customers', { name: 'Late Payer', email: 'late@collections.test', currency: 'EUR' });
    const settings = await put(`/api/v1/customers/${customer.body.id}/collections`, { penaltyClassId: penaltyClass.body.id, balanceAlertMinor: 50000 });
    expect(settings.body).toEqual({ dunningPolicyId: null, penaltyClassId: penaltyClass.body.id, exempt: false, exemptReason: null, balanceAlertMinor: '50000' });
    const unknownClass = await put(`/api/v1/customers/${customer.body.id}/collections`, { penaltyClassId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.body.errors).toEqual([{ field: 'penaltyClassId', message: 'is not a penalty class' }]);

    // 80.00 EUR untaxed, due 14 days after issue; 10 days overdue the fee (500) and 2% of 8000
    // (160) have both fallen, on the day after the due date.
    const [item] = await harness.stack.ctx.db
      .insert(items)
      .values({ name: 'Router swap', kind: 'service', unitPriceMinor: 8000n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '0' })
      .returning();
    const issueDate = addDays(businessDateAt(Date.now(), 'UTC'), -60);
    const { invoice } = await createOneOffInvoice(harness.stack.ctx, { customerId: customer.body.id, issueDate, lines: [{ itemId: item!.id, quantity: '1' }] });
    const due = addDays(issueDate, 14);
    const preview = await api.get(`/api/v1/customers/${customer.body.id}/penalty-preview?asOf=${addDays(due, 10)}`);
    expect(preview.status).toBe(200);
    expect(preview.body.charges.map((c: { invoiceId: string; ruleId: string; chargeOn: string; amount: unknown }) => [c.invoiceId, c.ruleId, c.chargeOn, c.amount])).toEqual([
      [invoice.id, feeId, addDays(due, 1), { amountMinor: '500', currency: 'EUR' }],
      [invoice.id, percentId, addDays(due, 1), { amountMinor: '160', currency: 'EUR' }],
    ]);
    expect(preview.body.net).toEqual({ amountMinor: '660', currency: 'EUR' });

    const archived = await api.send('DELETE', `${classUrl}/rules/${feeId}`);
    expect(archived.status).toBe(200);
    expect(archived.body.rules[0].archivedAt).not.toBeNull();
    const after = await api.get(`/api/v1/customers/${customer.body.id}/penalty-preview?asOf=${addDays(due, 10)}`);
    expect(after.body.net).toEqual({ amountMinor: '160', currency: 'EUR' });
    expect((await api.get(`/api/v1/customers/${customer.body.id}/penalty-preview?asOf=someday`)).body.errors[0].field).toBe('asOf');
    expect((await api.get(`/api/v1/penalty-classes/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
