// The JSON shapes only the readings import endpoints answer with or accept, as zod schemas: the
// OpenAPI document is generated from them and every answer is checked against them. The import
// itself is server/views/import-json.ts, shared with the CLI.
import { z } from 'zod';
import { importWire } from '../../server/views/import-json.js';

export const commitResultWire = z
  .object({
    accepted: z.int().meta({ description: 'Readings stored.' }),
    duplicates: z.int().meta({ description: 'Rows already stored (or repeated in the file) with the same value: skipped.' }),
    rejected: z.int().meta({ description: 'Invalid rows not stored (valid_only); see rejected.csv.' }),
    import: importWire,
  })
  .meta({ id: 'ImportCommitResult' });

export const uploadFieldsWire = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'The readings file: CSV, XLSX or JSON.' }),
    source: z.string().meta({ description: 'Where the file comes from; its mapping is saved under this name.' }),
    mapping: z.string().optional().meta({ description: 'The mapping as JSON (an ImportMapping); when given, the file is validated at once.' }),
    options: z
      .string()
      .optional()
      .meta({ description: 'JSON: how to read the file when detection would guess wrong: {format, delimiter, hasHeader, encoding, sheet}.' }),
  })
  .meta({ id: 'ImportUpload' });

