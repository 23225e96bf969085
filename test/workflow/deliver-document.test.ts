// Delivering a one-off invoice on the real time-skipping Temporal server with the real worker:
// emailed once however often delivery is asked for, and the account workflow learns its balance.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import type { IsoDate } from '../../billing/calendar.js';
import { customers, emailMessages } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { deliverDocument, deliverUndeliveredDocuments } from '../../server/services/invoices/document-delivery.js';
import { deliveryWorkflowId } from '../../workflows/deliver-document.js';
import { statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
});

afterAll(async () => {
  await harness?.dispose();
});

/** A router swap: 1 × 80.00 at 21% tax, booked to maintenance. */
async function issueRouterSwap(customerId: string) {
  return harness.ctx.db.transaction((tx) =>
    issueItemInvoice(tx, {
      invoiceId: randomUUID(),
      customerId,
      currency: 'EUR',
      issueDate: '2026-11-25' as IsoDate,
      lines: [{ itemId: null, description: 'Router swap', quantity: '1', unitAmountMinor: 8000n, taxRate: '21', revenueAccountCode: '4200' }],
    }),
  );
}

function invoiceEmails(invoiceId: string) {
  return harness.ctx.db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.entityId, invoiceId), eq(emailMessages.kind, 'invoice-issued')));
}

function deliveryFinished(invoiceId: string) {
  return harness.ctx.temporal.workflow.getHandle(deliveryWorkflowId({ kind: 'invoice', documentId: invoiceId })).result();
}

describe('delivering a one-off invoice', () => {
  it('emails it once, however often delivery is asked for, and the account workflow shows it with the new balance', async () => {
    const { customer } = await createCustomer(harness.ctx, {
      name: 'Grace Hopper',
      email: `grace+${customersCreated++}@example.net`,
      currency: 'EUR',
    });
    const invoice = await issueRouterSwap(customer.id);
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const request = { kind: 'invoice' as const, documentId: invoice.invoiceId, customerId: customer.id };
      await Promise.all([deliverDocument(harness.ctx, request), deliverDocument(harness.ctx, request)]);
      await deliveryFinished(invoice.invoiceId);
      // Asked again after it finished: nothing runs and nothing is sent.
      await deliverDocument(harness.ctx, request);

      const status = await eventually(async () => {
        const current = await accountWorkflow(harness.ctx, customer.id).query(statusQuery);
        expect(current.lastPostedDocument).not.toBeNull();
        return current;
      });
      expect(status.lastPostedDocument).toEqual({
        kind: 'invoice',
        documentId: invoice.invoiceId,
        number: invoice.number,
        total: { amountMinor: '9680', currency: 'EUR' },
        balance: { amountMinor: '9680', currency: 'EUR' },
      });
      expect(status.balance).toEqual({ amountMinor: '9680', currency: 'EUR' });
    });
    const emails = await invoiceEmails(invoice.invoiceId);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.recipient).toBe(customer.email);
  });

  it('still emails the invoice when the account has no running workflow', async () => {
    const [customer] = await harness.ctx.db
      .insert(customers)
      .values({ name: 'Closed Account', email: `closed+${customersCreated++}@example.net`, currency: 'EUR', status: 'cancelled' })
      .returning();
    const invoice = await issueRouterSwap(customer!.id);
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      await deliverDocument(harness.ctx, { kind: 'invoice', documentId: invoice.invoiceId, customerId: customer!.id });
      await deliveryFinished(invoice.invoiceId);
    });
    expect(await invoiceEmails(invoice.invoiceId)).toHaveLength(1);
  });

  it('emails, on the next start, a document whose request died before its delivery began, and nothing twice', async () => {
    const [customer] = await harness.ctx.db
      .insert(customers)
      .values({ name: 'Interrupted Request', email: `interrupted+${customersCreated++}@example.net`, currency: 'EUR', status: 'active' })
      .returning();
    // Stored and booked, but the process stopped before it could start the delivery.
    const invoice = await issueRouterSwap(customer!.id);
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      expect(await deliverUndeliveredDocuments(harness.ctx)).toBe(1);
      await deliveryFinished(invoice.invoiceId);
      expect(await invoiceEmails(invoice.invoiceId)).toHaveLength(1);
      // Once emailed, a later start finds nothing left to deliver.
      expect(await deliverUndeliveredDocuments(harness.ctx)).toBe(0);
    });
    expect(await invoiceEmails(invoice.invoiceId)).toHaveLength(1);
  });
});
