// Holds every meter still, as another import's long commit would, so a test can watch an import
// step wait and report its progress before it is let go.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

export async function withMetersLocked<T>(db: Database, work: () => Promise<T>): Promise<T> {
  let release!: () => void;
  let locked!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = db.transaction(async (tx) => {
    await tx.execute(sql`lock table meters in access exclusive mode`);
    locked();
    await released;
  });
  await Promise.race([isLocked, holding]);
  try {
    return await work();
  } finally {
    release();
    await holding;
  }
}
