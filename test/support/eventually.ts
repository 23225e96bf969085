/**
 * Waits until `check` passes, for state that another process (a worker, a workflow) reaches on
 * its own schedule. The deadline is generous: it bounds a failing test, it does not time a passing
 * one. Calls made in `check` must bound their own time (a gRPC deadline, say): an abandoned call
 * would go on in the background after the test ends.
 */
export async function eventually<T>(check: () => Promise<T>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
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
