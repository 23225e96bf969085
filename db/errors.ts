// Postgres errors arrive wrapped (drizzle's DrizzleQueryError has the driver error as `cause`),
// and postgres.js and PGlite name the violated constraint differently.
interface PostgresLikeError {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  cause?: unknown;
}

function driverError(error: unknown): PostgresLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as PostgresLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = driverError(error);
  if (found?.code !== '23505') return false;
  return constraint === undefined || (found.constraint_name ?? found.constraint) === constraint;
}

export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const found = driverError(error);
  if (found?.code !== '23503') return false;
  return constraint === undefined || (found.constraint_name ?? found.constraint) === constraint;
}
