// The `Idempotency-Key` request header: the client's promise that requests carrying the same key
// are one request, retried. Keys are scoped to the API key that sent them.
import type { ApiKeyView } from '../../server/services/access/api-keys.js';
import type { IdempotencyKey } from '../../server/services/idempotent-requests.js';
import { ValidationError } from '../../server/services/errors.js';

const MAX_KEY_LENGTH = 255;

export function idempotencyKeyOf(request: Request, apiKey: ApiKeyView | null): IdempotencyKey | undefined {
  const key = request.headers.get('Idempotency-Key');
  if (key === null || !apiKey) return undefined;
  if (key.trim() === '' || key.length > MAX_KEY_LENGTH) {
    throw new ValidationError([{ field: 'Idempotency-Key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` }]);
  }
  return { apiKeyId: apiKey.id, key };
}
