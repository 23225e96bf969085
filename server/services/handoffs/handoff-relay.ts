// The loop that keeps delivering the outbox: every process that runs a worker runs one. It
// delivers what is due, waits a moment when nothing is, and says once when delivery starts
// failing and once when it recovers, not on every attempt.
import type { ServiceContext } from '../context.js';
import { deliverHandoffs, retryFailedHandoffsNow } from './deliver-handoffs.js';

export interface HandoffRelay {
  /** Stops after the delivery under way, if any. */
  stop(): Promise<void>;
}

export interface HandoffRelayOptions {
  /** Pause between looks when the outbox has nothing due. */
  idleMs?: number;
  log?: (line: string) => void;
}

const BATCH = 100;

export function startHandoffRelay(ctx: ServiceContext, options: HandoffRelayOptions = {}): HandoffRelay {
  const idleMs = options.idleMs ?? 1000;
  const log = options.log ?? ((line: string) => console.warn(line));
  let stopping = false;
  let wake: (() => void) | null = null;
  let failing = false;

  const reportHealth = async (failure: string | null) => {
    if (failure && !failing) log(`Hand-offs to Temporal are failing and will be retried: ${failure}`);
    if (!failure && failing) {
      log('Hand-offs to Temporal are being delivered again.');
      await retryFailedHandoffsNow(ctx);
    }
    failing = failure !== null;
  };

  const loop = async () => {
    while (!stopping) {
      let busy = false;
      try {
        const outcome = await deliverHandoffs(ctx, { limit: BATCH });
        // One delivery that went through is news enough that Temporal is back.
        if (outcome.delivered > 0) await reportHealth(null);
        else if (outcome.failed > 0) await reportHealth(outcome.lastError);
        busy = outcome.delivered + outcome.failed === BATCH;
      } catch (error) {
        await reportHealth(error instanceof Error ? error.message : String(error)).catch(() => undefined);
      }
      if (!busy && !stopping) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const running = loop();

  return {
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await running;
    },
  };
}
