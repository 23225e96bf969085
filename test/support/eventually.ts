/**
 * Waits until `check` passes, for state that another process (a worker, a workflow) reaches on
 * its own schedule. The deadline is generous: it bounds a failing test, it does not time a
 * passing one. Each attempt is bounded too: on a loaded machine the time-skipping test server
 * can leave a query unanswered, and one lost answer must not stall the wait.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  options: { timeoutMs?: number; attemptTimeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5_000;
  let lastError: unknown;
  for (;;) {
    try {
      return await withinMs(check(), attemptTimeoutMs);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`timed out waiting${options.what ? ` for ${options.what}` : ''}: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function withinMs<T>(attempt: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}
