// The mapping last used for a source, offered for its next file: a device family or a
// technician's sheet keeps its columns from one month to the next.
import { eq } from 'drizzle-orm';
import { readingImportMappings } from '../../../db/schema.js';
import type { Database } from '../../../db/client.js';
import { importMappingSchema, type ImportMapping } from './import-mapping.js';

export async function savedMapping(db: Database, source: string): Promise<ImportMapping | null> {
  const [row] = await db.select({ mapping: readingImportMappings.mapping }).from(readingImportMappings).where(eq(readingImportMappings.source, source));
  // A mapping saved by an older version that no longer parses is simply not offered.
  const parsed = importMappingSchema.safeParse(row?.mapping);
  return parsed.success ? parsed.data : null;
}

export async function saveMapping(db: Database, source: string, mapping: ImportMapping): Promise<void> {
  await db
    .insert(readingImportMappings)
    .values({ source, mapping })
    .onConflictDoUpdate({ target: readingImportMappings.source, set: { mapping, updatedAt: new Date() } });
}
