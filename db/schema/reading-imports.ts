// Files being imported: the upload, its staging rows, and the mapping kept per source. A readings
// file and a bank statement are one shape of import (uploaded, mapped, validated, committed, with
// the same file chunks, claims and progress); `kind` says which, and each kind stages its rows in
// a table of its own (bank statements: bank-statements.ts).
import { bigint, boolean, customType, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from './columns.js';

export const IMPORT_KINDS = ['readings', 'bank_statement'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A readings file being imported: uploaded, mapped, validated, then committed (or not). */
export const readingImports = pgTable(
  'reading_imports',
  {
    id: id(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull().default('readings'),
    /** Where the file comes from (a device family, a technician's sheet, a bank account): its mapping is kept under this name. */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx', 'json'] }).notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull().default(0),
    status: text('status', {
      enum: ['uploaded', 'validating', 'validated', 'committing', 'committed', 'failed'],
    })
      .notNull()
      .default('uploaded'),
    /** What the file looks like: delimiter, encoding, sheet, header row, column names, sample rows. */
    layout: jsonb('layout'),
    mapping: jsonb('mapping'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    duplicateRows: integer('duplicate_rows').notNull().default(0),
    acceptedRows: integer('accepted_rows').notNull().default(0),
    /** Rows left out by design rather than refused: a bank statement's outgoing payments. */
    skippedRows: integer('skipped_rows').notNull().default(0),
    /** Progress of the running step, for the portal, API and CLI to show. */
    processedRows: integer('processed_rows').notNull().default(0),
    commitMode: text('commit_mode', { enum: ['all_or_nothing', 'valid_only'] }),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('reading_imports_created').on(t.createdAt), index('reading_imports_kind_created').on(t.kind, t.createdAt)],
);

/** The uploaded file itself, in chunks, so every portal process can read it and none holds it in memory. */
export const readingImportChunks = pgTable(
  'reading_import_chunks',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => readingImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** Staging: every row of an import after mapping and validation, loaded with COPY. */
export const readingImportRows = pgTable(
  'reading_import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => readingImports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    meterId: uuid('meter_id'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    value: numeric('value'),
    consumption: numeric('consumption'),
    replacement: boolean('replacement').notNull().default(false),
    ref: text('ref'),
    /** The row as it was in the file, for the file of rejected rows. */
    raw: text('raw').notNull(),
    errorColumn: text('error_column'),
    errorReason: text('error_reason'),
    duplicate: boolean('duplicate').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/** The column mapping last used for a source of each kind, offered again for its next file. */
export const readingImportMappings = pgTable(
  'reading_import_mappings',
  {
    kind: text('kind', { enum: IMPORT_KINDS }).notNull().default('readings'),
    source: text('source').notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.source] })],
);
