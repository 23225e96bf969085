// Autopay as a billing person checks it, on real Postgres, a real Temporal server and the gateway
// stand-in over HTTP: an invoice posted for a customer with autopay on is charged once (one payment,
// one receipt, the fee booked, the books balanced); a declined card leaves the invoice open with one
// notice saying why; a worker killed after the gateway charged the card, autopay racing the
// customer's pay-now, and a webhook arriving twice before the charge's answer was written down all
// end in one charge at the gateway and one payment. No card number is kept anywhere.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createActivities } from "../../activities/index.js";
import { declineSentence } from "../../billing/payments/declines.js";
import { invoiceBalance } from "../../db/records/invoice-balances.js";
import {
  customers,
  emailMessages,
  gatewayBalanceMovements,
  items,
  paymentAllocations,
  paymentAttempts,
  payments,
} from "../../db/schema.js";
import { createOutboxTransport } from "../../emails/outbox-transport.js";
import type { GatewayEvent, PaymentGateway } from "../../payments/gateway.js";
import {
  startGatewayStandIn,
  type GatewayStandIn,
} from "../../payments/stand-in/index.js";
import { createStripeGateway } from "../../payments/stripe-gateway.js";
import { trialBalance } from "../../server/services/books/trial-balance.js";
import type { CardPaymentDeps } from "../../server/services/card-payments/card-payment-deps.js";
import {
  gatewayCustomerFor,
  saveGatewayCard,
} from "../../server/services/card-payments/card-setup.js";
import { chargeInvoice } from "../../server/services/card-payments/charge-invoice.js";
import { handleGatewayEvent } from "../../server/services/card-payments/gateway-events.js";
import { accountWorkflow } from "../../server/services/customers/account-workflow.js";
import { createOneOffInvoice } from "../../server/services/invoices/one-off-invoices.js";
import { createBillingWorker } from "../../server/worker.js";
import { eventually } from "../support/eventually.js";
import { testActivityDeps } from "../support/test-activity-deps.js";
import {
  createWorkflowHarness,
  type WorkflowHarness,
} from "../support/workflow-harness.js";

const CARD_CRASHING_WORKER = fileURLToPath(
  new URL("../support/card-crashing-worker.ts", import.meta.url)
);
const GOOD_CARD = "4242424242424242";
const DECLINED_CARD = "4000000000000002";

let harness: WorkflowHarness;
let standIn: GatewayStandIn;
let gateway: PaymentGateway;
let dashboard: Stripe;
let deps: CardPaymentDeps;
let itemId: string;
let made = 0;
const customersMade: string[] = [];

beforeAll(async () => {
  // A real-time server: the crash test waits for a dead worker's activity to time out.
  harness = await createWorkflowHarness("local");
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({
    secretKey: standIn.secretKey,
    webhookSecret: standIn.webhookSecret,
    apiBaseUrl: standIn.url,
  });
  const url = new URL(standIn.url);
  dashboard = new Stripe(standIn.secretKey, {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    telemetry: false,
  });
  deps = { db: harness.ctx.db, gateway, timeZone: "UTC" };
  const [item] = await harness.ctx.db
    .insert(items)
    .values({
      name: "Router",
      kind: "part",
      unitPriceMinor: 100n,
      currency: "EUR",
      revenueAccountCode: "4300",
      taxRate: "0",
    })
    .returning();
  itemId = item!.id;
});

afterAll(async () => {
  for (const customerId of customersMade)
    await accountWorkflow(harness.ctx, customerId)
      .terminate("test finished")
      .catch(() => {});
  await standIn?.close();
  await harness?.dispose();
});

/** A worker with the real activities and the gateway (the harness's own has none). */
function cardWorker(): Promise<Worker> {
  return createBillingWorker({
    connection: harness.env.nativeConnection,
    namespace: harness.env.namespace ?? "default",
    activities: createActivities(
      testActivityDeps(harness.ctx.db, createOutboxTransport(), gateway)
    ),
    workflowBundle: harness.bundle,
    maxCachedWorkflows: 0,
  });
}

/** A customer with a card saved at the gateway (as its hosted page saves one) and on file with us. */
async function customerWithCard(cardNumber: string, autopay: boolean) {
  made += 1;
  const [customer] = await harness.ctx.db
    .insert(customers)
    .values({
      name: "Grace Hopper",
      email: `autopay-${made}@example.net`,
      currency: "EUR",
      status: "active",
      paymentTermsDays: 14,
      autopay,
    })
    .returning();
  customersMade.push(customer!.id);
  const gatewayCustomerId = await gatewayCustomerFor(deps, customer!.id);
  const saved = await standIn.controls.saveCard(gatewayCustomerId, {
    number: cardNumber,
    expMonth: 12,
    expYear: 2034,
  });
  const stored = await saveGatewayCard(
    deps,
    customer!.id,
    await gateway.savedCard(saved.id)
  );
  expect(stored.saved).toBe(true);
  return { customerId: customer!.id, gatewayCustomerId };
}

function oneOffInvoice(customerId: string, amountMinor: bigint) {
  return createOneOffInvoice(harness.ctx, {
    customerId,
    issueDate: "2026-11-10",
    lines: [{ itemId, quantity: "1", unitAmountMinor: String(amountMinor) }],
  });
}

/** The succeeded charges the gateway itself lists for its customer. */
async function gatewayCharges(gatewayCustomerId: string) {
  const events = await standIn.controls.events("charge.succeeded");
  return events
    .filter((event) => event.data.object.customer === gatewayCustomerId)
    .map(
      (event) =>
        event.data.object as unknown as {
          id: string;
          amount: number;
          payment_intent: string;
        }
    );
}

const paymentsOf = (customerId: string) =>
  harness.ctx.db
    .select()
    .from(payments)
    .where(eq(payments.customerId, customerId));
const emailsOf = (customerId: string, kind: string) =>
  harness.ctx.db
    .select()
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.customerId, customerId),
        eq(emailMessages.kind, kind)
      )
    );

async function expectBooksBalanced() {
  for (const total of (await trialBalance(harness.ctx)).totals)
    expect(total.debits).toEqual(total.credits);
}

it(
  "charges the saved card when an invoice is posted: one payment, paid, one receipt, the fee booked",
  { timeout: 90_000 },
  async () => {
    const { customerId, gatewayCustomerId } = await customerWithCard(
      GOOD_CARD,
      true
    );
    const worker = await cardWorker();
    await worker.runUntil(async () => {
      const { invoice } = await oneOffInvoice(customerId, 4900n);
      await eventually(
        async () =>
          expect(await emailsOf(customerId, "payment-receipt")).toHaveLength(1),
        { timeoutMs: 60_000, what: "the receipt" }
      );

      const [payment, ...more] = await paymentsOf(customerId);
      expect(more).toHaveLength(0);
      expect(payment).toMatchObject({
        method: "card",
        amountMinor: 4900n,
        currency: "EUR",
        cardLast4: "4242",
      });
      const allocations = await harness.ctx.db
        .select()
        .from(paymentAllocations)
        .where(eq(paymentAllocations.paymentId, payment!.id));
      expect(allocations.map((a) => [a.invoiceId, a.amountMinor])).toEqual([
        [invoice.id, 4900n],
      ]);
      expect(
        (await invoiceBalance(harness.ctx.db, invoice.id))?.paymentStatus
      ).toBe("paid");

      const charges = await gatewayCharges(gatewayCustomerId);
      expect(charges.map((c) => c.amount)).toEqual([4900]);
      expect(payment!.gatewayChargeId).toBe(charges[0]!.id);
      const intent = await dashboard.paymentIntents.retrieve(
        charges[0]!.payment_intent
      );
      expect(intent).toMatchObject({
        status: "succeeded",
        amount_received: 4900,
        currency: "eur",
      });
      const fees = await harness.ctx.db
        .select()
        .from(gatewayBalanceMovements)
        .where(eq(gatewayBalanceMovements.gatewayReference, charges[0]!.id));
      expect(fees).toHaveLength(1);
      expect(fees[0]!.kind).toBe("fee");
      expect(fees[0]!.amountMinor).toBeGreaterThan(0n);
      const [receipt] = await emailsOf(customerId, "payment-receipt");
      expect(receipt!.text).toContain(payment!.number);
      await expectBooksBalanced();
    });
  }
);

it(
  "leaves the invoice open after a declined card and sends one notice saying why",
  { timeout: 90_000 },
  async () => {
    const { customerId, gatewayCustomerId } = await customerWithCard(
      DECLINED_CARD,
      true
    );
    const worker = await cardWorker();
    await worker.runUntil(async () => {
      const { invoice } = await oneOffInvoice(customerId, 2500n);
      await eventually(
        async () =>
          expect(await emailsOf(customerId, "payment-failed")).toHaveLength(1),
        { timeoutMs: 60_000, what: "the failed payment notice" }
      );

      expect(await paymentsOf(customerId)).toHaveLength(0);
      expect(await gatewayCharges(gatewayCustomerId)).toHaveLength(0);
      const [attempt] = await harness.ctx.db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.invoiceId, invoice.id));
      expect(attempt?.status).toBe("declined");
      expect(
        (await invoiceBalance(harness.ctx.db, invoice.id))?.paymentStatus
      ).toBe("open");
      const [notice] = await emailsOf(customerId, "payment-failed");
      expect(notice!.text).toContain(
        declineSentence(attempt!.declineCode!, attempt!.declineCode)
      );
      expect(notice!.text).toContain("Your bank declined the payment");
      expect(notice!.text).not.toContain(attempt!.declineCode!);
      expect(notice!.text).toContain("0002");
      await expectBooksBalanced();
    });
    // Nothing more arrives later: the one notice stays one.
    expect(await emailsOf(customerId, "payment-failed")).toHaveLength(1);
  }
);

function runUntilKilled(
  env: NodeJS.ProcessEnv
): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CARD_CRASHING_WORKER],
      { env, stdio: ["ignore", "pipe", "pipe"] }
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ signal, output }));
  });
}

it(
  "charges once when the worker dies after the gateway charged the card, before the answer was written down",
  { timeout: 180_000 },
  async () => {
    const { customerId, gatewayCustomerId } = await customerWithCard(
      GOOD_CARD,
      true
    );
    const { invoice } = await oneOffInvoice(customerId, 3100n);

    const crashed = await runUntilKilled({
      ...process.env,
      TEMPORAL_ADDRESS: harness.env.address,
      DATABASE_URL: harness.database.url,
      GATEWAY_URL: standIn.url,
      GATEWAY_SECRET_KEY: standIn.secretKey,
      GATEWAY_WEBHOOK_SECRET: standIn.webhookSecret,
    });
    expect(crashed.signal, crashed.output).toBe("SIGKILL");
    // The card was charged at the gateway; nothing of it is written down here yet.
    expect(await gatewayCharges(gatewayCustomerId)).toHaveLength(1);
    expect(await paymentsOf(customerId)).toHaveLength(0);
    const [attempt] = await harness.ctx.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.invoiceId, invoice.id));
    expect(attempt?.status).toBe("processing");

    const worker = await cardWorker();
    await worker.runUntil(async () => {
      // The dead worker's charge step is retried once its one-minute start-to-close timeout has passed.
      await eventually(
        async () =>
          expect(await emailsOf(customerId, "payment-receipt")).toHaveLength(1),
        { timeoutMs: 150_000, what: "the receipt after the crash" }
      );
      const charges = await gatewayCharges(gatewayCustomerId);
      expect(charges.map((c) => c.amount)).toEqual([3100]);
      const found = await paymentsOf(customerId);
      expect(found.map((p) => [p.gatewayChargeId, p.amountMinor])).toEqual([
        [charges[0]!.id, 3100n],
      ]);
      expect(
        (await invoiceBalance(harness.ctx.db, invoice.id))?.paymentStatus
      ).toBe("paid");
      await expectBooksBalanced();
    });
  }
);

it(
  "takes the money once when autopay and the customer pay the same invoice at the same moment",
  { timeout: 60_000 },
  async () => {
    const { customerId, gatewayCustomerId } = await customerWithCard(
      GOOD_CARD,
      false
    );
    const { invoice } = await oneOffInvoice(customerId, 1800n);

    const results = await Promise.all([
      chargeInvoice(deps, invoice.id, { offSession: true }),
      chargeInvoice(deps, invoice.id, {
        offSession: false,
        returnUrl: "http://127.0.0.1:3000/account/pay/return",
      }),
    ]);
    expect(results.map((r) => r.outcome)).toContain("paid");

    const charges = await gatewayCharges(gatewayCustomerId);
    expect(charges.map((c) => c.amount)).toEqual([1800]);
    expect(
      await dashboard.paymentIntents.retrieve(charges[0]!.payment_intent)
    ).toMatchObject({ status: "succeeded", amount_received: 1800 });
    const found = await paymentsOf(customerId);
    expect(found.map((p) => [p.gatewayChargeId, p.amountMinor])).toEqual([
      [charges[0]!.id, 1800n],
    ]);
    expect(
      (await invoiceBalance(harness.ctx.db, invoice.id))?.paymentStatus
    ).toBe("paid");
    await expectBooksBalanced();
  }
);

/** Our webhook endpoint in small: verifies and reads each delivery, then acts on it. */
async function startWebhookEndpoint() {
  const handled: { event: GatewayEvent; outcome: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        try {
          const event = await gateway.parseWebhook(
            Buffer.concat(chunks),
            String(request.headers["stripe-signature"] ?? "")
          );
          handled.push({
            event,
            outcome: await handleGatewayEvent(deps, event),
          });
          response.writeHead(200).end("{}");
        } catch {
          response.writeHead(500).end("{}");
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/webhooks/stripe`;
  return {
    url,
    handled,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

it(
  "books one payment when the webhook arrives twice before the charge answer is written down",
  { timeout: 60_000 },
  async () => {
    const endpoint = await startWebhookEndpoint();
    standIn.setWebhookUrl(endpoint.url);
    try {
      const { customerId, gatewayCustomerId } = await customerWithCard(
        GOOD_CARD,
        false
      );
      const { invoice } = await oneOffInvoice(customerId, 2200n);
      const succeededFor = (intentId: string) =>
        endpoint.handled.filter(
          ({ event }) =>
            event.type === "payment_succeeded" && event.intentId === intentId
        );
      // The gateway's answer reaches us only after its webhook has been delivered, and delivered again.
      const slowAnswers: PaymentGateway = {
        ...gateway,
        async confirmPaymentAttempt(input) {
          const outcome = await gateway.confirmPaymentAttempt(input);
          const [first] = await eventually(
            async () => {
              const found = succeededFor(input.intentId);
              expect(found).toHaveLength(1);
              return found;
            },
            { what: "the payment webhook" }
          );
          expect(
            await standIn.controls.redeliver(first!.event.id)
          ).toMatchObject({ status: 200 });
          expect(succeededFor(input.intentId).map((h) => h.outcome)).toEqual([
            expect.stringContaining("payment recorded"),
            "already handled",
          ]);
          return outcome;
        },
      };

      const result = await chargeInvoice(
        { ...deps, gateway: slowAnswers },
        invoice.id,
        { offSession: true }
      );
      expect(result.outcome).toBe("paid");
      const charges = await gatewayCharges(gatewayCustomerId);
      expect(charges.map((c) => c.amount)).toEqual([2200]);
      const found = await paymentsOf(customerId);
      expect(found.map((p) => [p.gatewayChargeId, p.amountMinor])).toEqual([
        [charges[0]!.id, 2200n],
      ]);
      expect(
        (await invoiceBalance(harness.ctx.db, invoice.id))?.paymentStatus
      ).toBe("paid");
      await expectBooksBalanced();
    } finally {
      standIn.setWebhookUrl(null);
      await endpoint.close();
    }
  }
);

it("keeps no card number in any column of any table", async () => {
  const columns = (await harness.ctx.db.execute(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`)) as unknown as {
    table_name: string;
    column_name: string;
  }[];
  expect(columns.length).toBeGreaterThan(20);
  const numbers = [
    GOOD_CARD,
    "4242 4242 4242 4242",
    DECLINED_CARD,
    "4000 0000 0000 0002",
  ];
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const where = sql.join(
      numbers.map(
        (n) => sql`${sql.identifier(column_name)}::text like ${`%${n}%`}`
      ),
      sql` or `
    );
    const [row] = (await harness.ctx.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(
        table_name
      )} where ${where}`
    )) as unknown as { n: number }[];
    if (row!.n > 0) found.push(`${table_name}.${column_name}`);
  }
  expect(found).toEqual([]);
  // The search would find one: the cards this file saved are known by their last four digits only.
  const [card] = (await harness.ctx.db.execute(
    sql`select count(*)::int as n from payment_methods where last4 in ('4242', '0002')`
  )) as unknown as { n: number }[];
  expect(card!.n).toBeGreaterThan(0);
});
