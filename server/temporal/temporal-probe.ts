import { connect } from 'node:net';
import { Connection } from '@temporalio/client';

/** Whether anything accepts TCP connections on host:port (a refused or timed-out connect means no). */
export async function isPortTaken(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (taken: boolean) => {
      socket.destroy();
      resolve(taken);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether a Temporal frontend answers at `address` (`ensureConnected` calls GetSystemInfo) and,
 * when `namespace` is given, knows it: then the server is not just listening but ready for
 * clients and workers.
 */
export async function isTemporalServing(address: string, namespace?: string, timeoutMs = 2_000): Promise<boolean> {
  // lazy + ensureConnected rather than connect(): a failed connect() leaves its gRPC channel
  // reconnecting in the background, and we could not close it.
  const connection = Connection.lazy({ address, connectTimeout: timeoutMs });
  try {
    await connection.ensureConnected();
    if (namespace !== undefined) {
      await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.describeNamespace({ namespace }));
    }
    return true;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
