// Entry point of the `uplink` command (bin/uplink.mjs loads it through tsx).
import { fileURLToPath } from 'node:url';
import { runCli } from './run.js';

// `npm start` keeps its embedded database in .data of the project (npm runs it there): the CLI
// finds the same one from whatever folder it is run in, unless UPLINK_DATA_DIR says otherwise.
const projectDataDir = fileURLToPath(new URL('../../.data', import.meta.url));

// `uplink customers list | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: { UPLINK_DATA_DIR: projectDataDir, ...process.env },
});
