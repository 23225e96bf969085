/** Runs `stop` once on the first Ctrl-C or SIGTERM; a second signal exits at once. */
export function onShutdownSignal(stop: () => void | Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal} received: stopping...`);
    void Promise.resolve(stop()).catch((error: unknown) => {
      console.error('Error while stopping:', error);
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
