// Dunning policies, penalty classes and customers' collection settings through the services, on
// real Postgres: editing a policy writes its next version and leaves the earlier ones as they
// were, one policy and one class are the default, a customer without settings has the defaults,
// refusals name the field and store nothing, and a penalty preview over an overdue invoice.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { policyForCustomer, policyVersion } from '../../db/records/collections/dunning-policies.js';
import { penaltyClassForCustomer } from '../../db/records/collections/penalty-classes.js';
import { customerCollections, dunningPolicies, dunningPolicyVersions, items, penaltyCharges, penaltyRules } from '../../db/schema.js';
import { getCustomerCollections, updateCustomerCollections } from '../../server/services/collections/customer-collections.js';
import {
  createDunningPolicy, editDunningPolicy, getDunningPolicy, listDunningPolicies, setDefaultDunningPolicy,
} from '../../server/services/collections/dunning-policies.js';
import { createPenaltyClass, getPenaltyClass } from '../../server/services/collections/penalty-classes.js';
import { previewPenalties } from '../../server/services/collections/penalty-preview.js';
import { addPenaltyRule, archivePenaltyRule, replacePenaltyRule } from '../../server/services/collections/penalty-rules.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { NotFoundError, ValidationError } from '../../server/services/errors.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let made = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
});

afterAll(async () => {
  await harness?.dispose();
});

const today = () => businessDateAt(Date.now(), 'UTC');
const unique = (name: string) => `${name} ${made++}`;

const policyDefinition = (afterDays = 7) => ({
  minimumOverdueMinor: { EUR: 500 },
  steps: [
    { afterDays: 1, action: 'email_reminder' },
    { afterDays, action: 'email_warning' },
    { afterDays: 30, action: 'suspend' },
  ],
  cardRetryDays: [1, 3],
  invoiceWhileSuspended: true,
  maxPromiseDays: 14,
});

async function customer() {
  return (await createCustomer(harness.ctx, { name: 'Grace Hopper', email: `collection-settings-${made++}@example.net`, currency: 'EUR' })).customer;
}

async function refusal(action: Promise<unknown>): Promise<ValidationError> {
  const error = await action.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const tableCount = async (table: typeof dunningPolicies | typeof dunningPolicyVersions | typeof penaltyRules | typeof customerCollections) =>
  (await harness.ctx.db.select({ n: count() }).from(table))[0]!.n;

describe('dunning policies', () => {
  it('writes version 2 on an edit and leaves version 1 as it was', async () => {
    const created = await createDunningPolicy(harness.ctx, { name: unique('Residential'), definition: policyDefinition(7) }, 'staff:ada@isp.test');
    expect(created.currentVersion).toBe(1);
    expect(created.versions.map((v) => v.version)).toEqual([1]);

    const edited = await editDunningPolicy(harness.ctx, created.id, { definition: policyDefinition(10) }, 'api');
    expect(edited.currentVersion).toBe(2);
    expect(edited.versions.map((v) => [v.version, v.policy.steps[1]!.afterDays, v.createdBy])).toEqual([
      [1, 7, 'staff:ada@isp.test'],
      [2, 10, 'api'],
    ]);
    expect((await policyVersion(harness.ctx.db, created.id, 1))!.steps[1]!.afterDays).toBe(7);
    expect((await policyVersion(harness.ctx.db, created.id, 2))!.steps[1]!.afterDays).toBe(10);
    // Amounts come back as bigints, as billing reads them.
    expect(edited.versions[1]!.policy.minimumOverdueMinor).toEqual({ EUR: 500n });
  });

  it('keeps exactly one default, and a customer without a policy of their own has it', async () => {
    const first = await createDunningPolicy(harness.ctx, { name: unique('Business'), definition: policyDefinition() });
    const second = await createDunningPolicy(harness.ctx, { name: unique('Friendly'), definition: policyDefinition(), isDefault: true });
    const defaults = (await listDunningPolicies(harness.ctx)).filter((policy) => policy.isDefault);
    expect(defaults.map((policy) => policy.id)).toEqual([second.id]);

    const plain = await customer();
    expect(await policyForCustomer(harness.ctx.db, plain.id)).toMatchObject({ policyId: second.id, version: 1 });

    await setDefaultDunningPolicy(harness.ctx, first.id);
    expect((await getDunningPolicy(harness.ctx, second.id)).isDefault).toBe(false);
    expect((await listDunningPolicies(harness.ctx)).filter((policy) => policy.isDefault).map((policy) => policy.id)).toEqual([first.id]);
    expect((await policyForCustomer(harness.ctx.db, plain.id))!.policyId).toBe(first.id);

    // A policy of their own wins, at its current version.
    const own = await customer();
    await editDunningPolicy(harness.ctx, second.id, { definition: policyDefinition(9) });
    await updateCustomerCollections(harness.ctx, own.id, { dunningPolicyId: second.id });
    const inForce = await policyForCustomer(harness.ctx.db, own.id);
    expect(inForce).toMatchObject({ policyId: second.id, version: 2 });
    expect(inForce!.policy.steps[1]!.afterDays).toBe(9);
  });

  it('refuses a bad definition naming the field, and stores nothing', async () => {
    const policies = await tableCount(dunningPolicies);
    const versions = await tableCount(dunningPolicyVersions);
    const bad = policyDefinition();
    bad.steps[2]!.afterDays = -3;
    const error = await refusal(createDunningPolicy(harness.ctx, { name: unique('Broken'), definition: bad }));
    expect(error.problems).toEqual([{ field: 'definition.steps[2].afterDays', message: expect.stringContaining('-3') as string }]);
    expect((await refusal(createDunningPolicy(harness.ctx, { name: '  ', definition: policyDefinition() }))).problems[0]!.field).toBe('name');

    const existing = await createDunningPolicy(harness.ctx, { name: unique('Kept'), definition: policyDefinition() });
    const duplicate = await refusal(createDunningPolicy(harness.ctx, { name: existing.name, definition: policyDefinition() }));
    expect(duplicate.problems).toEqual([{ field: 'name', message: 'is taken by another dunning policy' }]);
    const unknownField = await refusal(editDunningPolicy(harness.ctx, existing.id, { definition: { ...policyDefinition(), graceDays: 3 } }));
    expect(unknownField.problems[0]!.field).toBe('definition.graceDays');
    expect((await getDunningPolicy(harness.ctx, existing.id)).currentVersion).toBe(1);

    expect(await tableCount(dunningPolicies)).toBe(policies + 1);
    expect(await tableCount(dunningPolicyVersions)).toBe(versions + 1);
    await expect(editDunningPolicy(harness.ctx, '00000000-0000-4000-8000-000000000000', { definition: policyDefinition() })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('penalty classes and customer settings', () => {
  it('stores each rule with its row id, replaces it in place and archives it', async () => {
    const penaltyClass = await createPenaltyClass(harness.ctx, { name: unique('Standard') });
    const added = await addPenaltyRule(harness.ctx, penaltyClass.id, {
      definition: { id: 'ignored', kind: 'flat', label: 'Late payment fee', currency: 'EUR', amountMinor: 500 },
    });
    const [rule] = added.rules;
    expect(rule!.rule.id).toBe(rule!.id);
    const [row] = await harness.ctx.db.select().from(penaltyRules).where(eq(penaltyRules.id, rule!.id));
    expect(row).toMatchObject({ name: 'Late payment fee', kind: 'flat', position: 0 });
    expect((row!.definition as { id: string; amountMinor: string }).id).toBe(rule!.id);

    const replaced = await replacePenaltyRule(harness.ctx, penaltyClass.id, rule!.id, {
      definition: { kind: 'flat', label: 'Late fee', currency: 'EUR', amountMinor: '750' },
    });
    expect(replaced.rules.map((r) => [r.id, r.rule.label, r.rule.kind === 'flat' && r.rule.amountMinor])).toEqual([[rule!.id, 'Late fee', 750n]]);

    const bad = await refusal(addPenaltyRule(harness.ctx, penaltyClass.id, { definition: { kind: 'percentage', label: 'Late fee', percent: '2.5', amountMinor: 5 } }));
    expect(bad.problems).toEqual([{ field: 'definition.amountMinor', message: 'applies only to flat rules' }]);

    await archivePenaltyRule(harness.ctx, penaltyClass.id, rule!.id);
    expect((await getPenaltyClass(harness.ctx, penaltyClass.id)).rules[0]!.archivedAt).not.toBeNull();
    const holder = await customer();
    await updateCustomerCollections(harness.ctx, holder.id, { penaltyClassId: penaltyClass.id });
    expect(await penaltyClassForCustomer(harness.ctx.db, holder.id)).toEqual({ classId: penaltyClass.id, rules: [] });
    await expect(archivePenaltyRule(harness.ctx, penaltyClass.id, rule!.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses unknown policies and classes, and an exemption without a reason, storing nothing', async () => {
    const someone = await customer();
    const rows = await tableCount(customerCollections);
    const unknownId = '00000000-0000-4000-8000-000000000001';
    expect((await refusal(updateCustomerCollections(harness.ctx, someone.id, { dunningPolicyId: unknownId }))).problems).toEqual([
      { field: 'dunningPolicyId', message: 'is not a dunning policy' },
    ]);
    expect((await refusal(updateCustomerCollections(harness.ctx, someone.id, { penaltyClassId: unknownId }))).problems[0]!.field).toBe('penaltyClassId');
    expect((await refusal(updateCustomerCollections(harness.ctx, someone.id, { exempt: true }))).problems[0]!.field).toBe('exemptReason');
    expect((await refusal(updateCustomerCollections(harness.ctx, someone.id, { balanceAlertMinor: 0 }))).problems[0]!.field).toBe('balanceAlertMinor');
    expect(await tableCount(customerCollections)).toBe(rows);

    const exempt = await updateCustomerCollections(harness.ctx, someone.id, { exempt: true, exemptReason: 'Hospital', balanceAlertMinor: '20000' });
    expect(exempt).toEqual({ dunningPolicyId: null, penaltyClassId: null, exempt: true, exemptReason: 'Hospital', balanceAlertMinor: 20000n });
    // Ending the exemption drops its reason.
    expect(await updateCustomerCollections(harness.ctx, someone.id, { exempt: false })).toMatchObject({ exempt: false, exemptReason: null, balanceAlertMinor: 20000n });
    expect(await getCustomerCollections(harness.ctx, someone.id)).toMatchObject({ exempt: false });
  });
});

describe('penalty preview', () => {
  it('charges a flat fee and a recurring percentage on an overdue invoice, storing nothing', async () => {
    const penaltyClass = await createPenaltyClass(harness.ctx, { name: unique('Preview') });
    await addPenaltyRule(harness.ctx, penaltyClass.id, {
      definition: { kind: 'flat', label: 'Late payment fee', currency: 'EUR', amountMinor: 500, graceDays: 7 },
    });
    await addPenaltyRule(harness.ctx, penaltyClass.id, {
      definition: { kind: 'percentage', label: 'Late payment charge', percent: '2.5', everyDays: 30, countLimit: 2 },
    });
    const late = await customer();
    await updateCustomerCollections(harness.ctx, late.id, { penaltyClassId: penaltyClass.id });

    // 100.00 EUR plus 21% tax: 121.00 open, due 14 days after issue.
    const [item] = await harness.ctx.db
      .insert(items)
      .values({ name: unique('Router swap'), kind: 'service', unitPriceMinor: 10000n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '21' })
      .returning();
    const issueDate = addDays(today(), -100);
    const { invoice } = await createOneOffInvoice(harness.ctx, { customerId: late.id, issueDate, lines: [{ itemId: item!.id, quantity: '1' }] });
    const due = addDays(issueDate, 14);

    // 40 days overdue. The flat fee falls once on due + 7 + 1 = due + 8: 500. The percentage is
    // charged on the gross 12100: 2.5% = 302.5, half-even 302, on due + 1 and due + 31 (every 30
    // days; due + 61 is past the day and beyond the limit of two anyway).
    const preview = await previewPenalties(harness.ctx, { customerId: late.id, asOf: addDays(due, 40) });
    expect(preview.classId).toBe(penaltyClass.id);
    expect(preview.charges.map((c) => [c.invoiceId, c.chargeOn, c.kind, c.occurrence, c.baseMinor, c.amountMinor])).toEqual([
      [invoice.id, addDays(due, 1), 'penalty', 0, 12100n, 302n],
      [invoice.id, addDays(due, 8), 'penalty', 0, 12100n, 500n],
      [invoice.id, addDays(due, 31), 'penalty', 1, 12100n, 302n],
    ]);
    expect(preview.netMinor).toBe(1104n);
    expect(preview.taxMinor).toBe(0n);

    // On the due date nothing is owed yet; and another class may be tried instead.
    expect((await previewPenalties(harness.ctx, { customerId: late.id, asOf: due })).charges).toEqual([]);
    const empty = await createPenaltyClass(harness.ctx, { name: unique('Lenient') });
    expect(await previewPenalties(harness.ctx, { customerId: late.id, asOf: addDays(due, 40), classId: empty.id })).toMatchObject({ classId: empty.id, charges: [] });
    expect((await refusal(previewPenalties(harness.ctx, { customerId: late.id, asOf: '2026-02-30' }))).problems[0]!.field).toBe('asOf');
    expect(await harness.ctx.db.select({ n: count() }).from(penaltyCharges).where(eq(penaltyCharges.customerId, late.id))).toEqual([{ n: 0 }]);
  });
});
