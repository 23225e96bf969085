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
 * Whether a Temporal frontend answers at `address` (`Connection.connect` itself calls
 * GetSystemInfo) and, when `namespace` is given, knows it: then the server is not just listening
 * but ready for clients and workers.
 */
export async function isTemporalServing(address: string, namespace?: string, timeoutMs = 2_000): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    const connected = await Connection.connect({ address, connectTimeout: timeoutMs });
    connection = connected;
    if (namespace !== undefined) {
      await connected.withDeadline(Date.now() + timeoutMs, () => connected.workflowService.describeNamespace({ namespace }));
    }
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
