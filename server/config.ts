// Configuration comes from the environment only, parsed once at boot so a typo fails loudly
// with the variable's name instead of surfacing later as odd behaviour.
import { resolve } from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const schema = z.object({
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  UPLINK_DATA_DIR: z.string().default('.data'),
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: optionalText.pipe(z.url().optional()),
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: optionalText.pipe(z.url().optional()),
  EMAIL_FROM: z.string().default('Uplink Billing <billing@uplink.localhost>'),
  COMPANY_NAME: z.string().default('Uplink Demo ISP'),
  PORTAL_URL: z.url().default('http://127.0.0.1:3000'),
  UPLINK_DEMO_DATA: z.enum(['true', 'false']).default('true'),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  temporal: {
    /** Address of an existing Temporal server; when absent, a local dev server is started. */
    address: string | undefined;
    namespace: string;
    devServerPort: number;
    devServerUiPort: number;
    /** Where staff open the Temporal Web UI; defaults to the local dev server's. */
    uiUrl: string | undefined;
  };
  email: { resendApiKey: string | undefined; resendBaseUrl: string | undefined; from: string };
  companyName: string;
  portalUrl: string;
  seedDemoData: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.UPLINK_DATA_DIR),
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      devServerPort: c.TEMPORAL_PORT,
      devServerUiPort: c.TEMPORAL_UI_PORT,
      uiUrl: c.TEMPORAL_UI_URL,
    },
    email: { resendApiKey: c.RESEND_API_KEY, resendBaseUrl: c.RESEND_BASE_URL, from: c.EMAIL_FROM },
    companyName: c.COMPANY_NAME,
    portalUrl: c.PORTAL_URL,
    seedDemoData: c.UPLINK_DEMO_DATA === 'true',
  };
}

/** A database URL fit for printing: the password is never shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
