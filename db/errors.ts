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

/** A statement the database will refuse again with the same data, as its driver reported it. */
export interface PermanentDataError {
  code: string;
  /** The database's own sentence, e.g. `value "…" is out of range for type bigint`. */
  message: string;
  constraint: string | undefined;
}

/**
 * Class 22 (data exception: a number out of range, text that is not a number, a NUL byte) and
 * class 23 (integrity constraint) say the data is wrong, so retrying the same statement fails the
 * same way. Unique violations (23505) are left out: idempotent writes expect them and look up
 * the row that won.
 */
export function permanentDataError(error: unknown): PermanentDataError | undefined {
  const found = driverError(error);
  const code = found?.code;
  if (!found || !code || !/^2[23]/.test(code) || code === '23505') return undefined;
  const message = (found as { message?: unknown }).message;
  return {
    code,
    message: typeof message === 'string' && message !== '' ? message : `database error ${code}`,
    constraint: found.constraint_name ?? found.constraint,
  };
}
