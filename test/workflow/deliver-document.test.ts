// Delivering a one-off invoice on the real time-skipping Temporal server with the real worker:
// emailed once however often its hand-offs are delivered, and the account workflow learns its
// balance from the ledger.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import type { IsoDate } from '../../billing/calendar.js';
import { customers, emailMessages, workflowHandoffs } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import {
  deliverPostedDocumentHandoffs,
  deliverUndeliveredDocuments,
  handOffDocumentDelivery,
} from '../../server/services/invoices/document-delivery.js';
import { statusQuery } from '../../workflows/messages.js';
import { deliveryFinished as documentDeliveryFinished } from '../support/delivery-finished.js';
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

/**
 * A router swap (1 × 80.00 at 21% tax, booked to maintenance), posted as the one-off invoice
 * service posts it: with its delivery handed off in the same transaction, unless `delivery` is false
 * (a document posted before hand-offs existed).
 */
async function issueRouterSwap(customerId: string, delivery = true) {
  return harness.ctx.db.transaction(async (tx) => {
    const issued = await issueItemInvoice(tx, {
      invoiceId: randomUUID(),
      customerId,
      currency: 'EUR',
      issueDate: '2026-11-25' as IsoDate,
      lines: [{ itemId: null, description: 'Router swap', quantity: '1', unitAmountMinor: 8000n, taxRate: '21', revenueAccountCode: '4200' }],
    });
    if (delivery) await handOffDocumentDelivery(tx, { kind: 'invoice', documentId: issued.invoiceId, customerId });
    return issued;
  });
}

/** As if a relay had died after delivering but before recording it: the hand-offs are delivered again. */
async function forgetDeliveries(customerId: string) {
  await harness.ctx.db.update(workflowHandoffs).set({ deliveredAt: null }).where(eq(workflowHandoffs.customerId, customerId));
}

function undeliveredHandoffs(customerId: string) {
  return harness.ctx.db
    .select()
    .from(workflowHandoffs)
    .where(and(eq(workflowHandoffs.customerId, customerId), isNull(workflowHandoffs.deliveredAt)));
}

function invoiceEmails(invoiceId: string) {
  return harness.ctx.db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.entityId, invoiceId), eq(emailMessages.kind, 'invoice-issued')));
}

function deliveryFinished(invoiceId: string) {
  return documentDeliveryFinished(harness.ctx, { kind: 'invoice', documentId: invoiceId });
}

describe('delivering a one-off invoice', () => {
  it('emails it once, however often its hand-offs are delivered, and the account workflow shows it with the new balance', async () => {
    const { customer } = await createCustomer(harness.ctx, {
      name: 'Grace Hopper',
      email: `grace+${customersCreated++}@example.net`,
      currency: 'EUR',
    });
    const invoice = await issueRouterSwap(customer.id);
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const request = { kind: 'invoice' as const, documentId: invoice.invoiceId, customerId: customer.id };
      await Promise.all([deliverPostedDocumentHandoffs(harness.ctx, request), deliverPostedDocumentHandoffs(harness.ctx, request)]);
      await deliveryFinished(invoice.invoiceId);
      // Delivered again after it finished: nothing runs and nothing is sent.
      await forgetDeliveries(customer.id);
      await deliverPostedDocumentHandoffs(harness.ctx, request);
      await eventually(async () => expect(await undeliveredHandoffs(customer.id)).toEqual([]));

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
      // Opened, then the invoice posted: two facts, each applied once.
      expect(status.handoffsAppliedThrough).toBe(2);
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
      await deliverPostedDocumentHandoffs(harness.ctx, { kind: 'invoice', documentId: invoice.invoiceId, customerId: customer!.id });
      await deliveryFinished(invoice.invoiceId);
      // The account's fact is settled too: there is no workflow to tell, and none is started for it.
      await eventually(async () => expect(await undeliveredHandoffs(customer!.id)).toEqual([]));
    });
    expect(await invoiceEmails(invoice.invoiceId)).toHaveLength(1);
    await expect(accountWorkflow(harness.ctx, customer!.id).describe()).rejects.toThrow(WorkflowNotFoundError);
  });

  it('emails, on the next start, a document posted before delivery was handed off, and nothing twice', async () => {
    const [customer] = await harness.ctx.db
      .insert(customers)
      .values({ name: 'Interrupted Request', email: `interrupted+${customersCreated++}@example.net`, currency: 'EUR', status: 'active' })
      .returning();
    // Stored and booked by a version that started delivery after commit, and died before it could.
    const invoice = await issueRouterSwap(customer!.id, false);
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
