// A billing worker process that dies (SIGKILL, no clean-up) in the middle of a card charge: its
// gateway lets the confirmation reach the gateway (the card is charged there) and the process dies
// before the answer is written down. Autopay crash tests run it as a child process against the
// test's Temporal server, database and gateway stand-in.
import { NativeConnection } from "@temporalio/worker";
import { createActivities } from "../../activities/index.js";
import { openDatabase } from "../../db/client.js";
import { createOutboxTransport } from "../../emails/outbox-transport.js";
import type { PaymentGateway } from "../../payments/gateway.js";
import { createStripeGateway } from "../../payments/stripe-gateway.js";
import { createBillingWorker } from "../../server/worker.js";
import { testActivityDeps } from "./test-activity-deps.js";

const address = process.env.TEMPORAL_ADDRESS;
const databaseUrl = process.env.DATABASE_URL;
const gatewayUrl = process.env.GATEWAY_URL;
const gatewaySecretKey = process.env.GATEWAY_SECRET_KEY;
const gatewayWebhookSecret = process.env.GATEWAY_WEBHOOK_SECRET;
if (
  !address ||
  !databaseUrl ||
  !gatewayUrl ||
  !gatewaySecretKey ||
  !gatewayWebhookSecret
) {
  throw new Error(
    "card crashing worker needs TEMPORAL_ADDRESS, DATABASE_URL, GATEWAY_URL, GATEWAY_SECRET_KEY and GATEWAY_WEBHOOK_SECRET"
  );
}

async function die(): Promise<never> {
  process.kill(process.pid, "SIGKILL");
  await new Promise(() => {});
  throw new Error("unreachable");
}

const real = createStripeGateway({
  secretKey: gatewaySecretKey,
  webhookSecret: gatewayWebhookSecret,
  apiBaseUrl: gatewayUrl,
});
// Everything as the real gateway, except that the process dies once a confirmation has been answered.
const dyingAfterConfirm: PaymentGateway = {
  ...real,
  async confirmPaymentAttempt(input) {
    await real.confirmPaymentAttempt(input);
    return die();
  },
};

const database = await openDatabase({ databaseUrl, dataDir: "" });
const connection = await NativeConnection.connect({ address });
const worker = await createBillingWorker({
  connection,
  namespace: "default",
  activities: createActivities(
    testActivityDeps(database.db, createOutboxTransport(), dyingAfterConfirm)
  ),
});
console.log("card crashing worker ready");
await worker.run();
