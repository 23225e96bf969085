// The exact number of rows in every table of a database (statistics views are estimates), to
// check that a batch of refused requests stored nothing anywhere, including tables a test did not
// think of.
import postgres from 'postgres';

export type RowCounts = Record<string, number>;

export async function tableRowCounts(databaseUrl: string): Promise<RowCounts> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1, 2`;
    if (tables.length === 0) return {};
    const rows = await sql.unsafe<{ table: string; n: number }[]>(
      tables.map(({ schema, name }) => `select ${quoteLiteral(`${schema}.${name}`)} as "table", count(*)::int as n from ${quoteIdent(schema)}.${quoteIdent(name)}`).join(' union all '),
    );
    return Object.fromEntries(rows.map((row) => [row.table, row.n]));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Row counts once they hold still: workflows started by a test's fixtures (a first invoice, its
 * email) write on their own schedule, and a count taken while they do would blame the next request.
 */
export async function settledRowCounts(databaseUrl: string, options: { quietMs?: number; timeoutMs?: number } = {}): Promise<RowCounts> {
  const quietMs = options.quietMs ?? 1_500;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let previous = await tableRowCounts(databaseUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await tableRowCounts(databaseUrl);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    if (Date.now() > deadline) throw new Error(`row counts still changing after ${options.timeoutMs ?? 30_000} ms: ${JSON.stringify(changedCounts(previous, current))}`);
    previous = current;
  }
}

/** The tables whose counts differ, with both counts. */
export function changedCounts(before: RowCounts, after: RowCounts): Record<string, { before: number; after: number }> {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries(
    [...tables].filter((table) => before[table] !== after[table]).map((table) => [table, { before: before[table] ?? 0, after: after[table] ?? 0 }]),
  );
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
