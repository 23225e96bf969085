// The mapping last used for a source, offered for its next file: a device family or a
// technician's sheet keeps its columns from one month to the next, and so does a bank's
// statement export. Each kind of import keeps its own mappings.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { readingImportMappings, type ImportKind } from '../../../db/schema.js';
import type { Database } from '../../../db/client.js';
import { importMappingSchema, type ImportMapping } from './import-mapping.js';

/** The mapping saved for a source of this kind, when it still parses with `schema`. */
export async function savedMappingOf<T extends z.ZodType>(db: Database, kind: ImportKind, source: string, schema: T): Promise<z.infer<T> | null> {
  const [row] = await db
    .select({ mapping: readingImportMappings.mapping })
    .from(readingImportMappings)
    .where(and(eq(readingImportMappings.kind, kind), eq(readingImportMappings.source, source)));
  // A mapping saved by an older version that no longer parses is simply not offered.
  const parsed = schema.safeParse(row?.mapping);
  return parsed.success ? parsed.data : null;
}

export async function saveMappingOf(db: Database, kind: ImportKind, source: string, mapping: unknown): Promise<void> {
  await db
    .insert(readingImportMappings)
    .values({ kind, source, mapping })
    .onConflictDoUpdate({ target: [readingImportMappings.kind, readingImportMappings.source], set: { mapping, updatedAt: new Date() } });
}

export async function savedMapping(db: Database, source: string): Promise<ImportMapping | null> {
  return savedMappingOf(db, 'readings', source, importMappingSchema);
}

export async function saveMapping(db: Database, source: string, mapping: ImportMapping): Promise<void> {
  await saveMappingOf(db, 'readings', source, mapping);
}
