// Open sessions (radacct rows without a stop time) and the NAS each runs on, from FreeRADIUS's
// tables. The NAS's `ports` column holds its Disconnect/CoA port; RFC 5176's 3799 when empty.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { nas, radacct } from '../db/schema/network.js';
import type { NasTarget } from './dynamic-authorization-client.js';

export const DEFAULT_COA_PORT = 3799;

export interface OpenSession {
  acctUniqueId: string;
  acctSessionId: string;
  username: string;
  nasIpAddress: string;
  /** Null when no nas row matches the session's NAS-IP-Address: nothing can reach it. */
  nas: NasTarget | null;
}

export async function openSessionsOf(db: Database, username: string): Promise<OpenSession[]> {
  const rows = await db
    .select({
      acctUniqueId: radacct.acctuniqueid,
      acctSessionId: radacct.acctsessionid,
      nasIpAddress: sql<string>`host(${radacct.nasipaddress})`,
      nasSecret: nas.secret,
      nasPort: nas.ports,
    })
    .from(radacct)
    .leftJoin(nas, eq(nas.nasname, sql`host(${radacct.nasipaddress})`))
    .where(and(eq(radacct.username, username), isNull(radacct.acctstoptime)))
    .orderBy(radacct.radacctid, nas.id);
  const seen = new Set<string>();
  const sessions: OpenSession[] = [];
  for (const row of rows) {
    // Two nas rows for one address would list a session twice: the first (lowest id) is used.
    if (seen.has(row.acctUniqueId)) continue;
    seen.add(row.acctUniqueId);
    sessions.push({
      acctUniqueId: row.acctUniqueId,
      acctSessionId: row.acctSessionId,
      username,
      nasIpAddress: row.nasIpAddress,
      nas: row.nasSecret === null ? null : { address: row.nasIpAddress, port: row.nasPort ?? DEFAULT_COA_PORT, secret: row.nasSecret },
    });
  }
  return sessions;
}
