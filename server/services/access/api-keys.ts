// API keys for integrators. A key is `upk_<prefix>_<secret>`: the prefix finds the row, and only
// a SHA-256 of the whole key is stored (the secret is 256 random bits, so a slow hash adds
// nothing). The full key is shown once, when it is created.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, parseInput } from '../errors.js';

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
});

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey {
  apiKey: ApiKeyView;
  /** The bearer token; not stored anywhere, so it cannot be shown again. */
  token: string;
}

const viewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiKey(ctx: ServiceContext, input: unknown, createdByStaffId?: string): Promise<CreatedApiKey> {
  const { name } = parseInput(newApiKeySchema, input);
  const prefix = randomBytes(6).toString('hex');
  const token = `upk_${prefix}_${randomBytes(32).toString('base64url')}`;
  const [apiKey] = await ctx.db
    .insert(apiKeys)
    .values({ name, prefix, secretHash: hashToken(token), createdByStaffId: createdByStaffId ?? null })
    .returning(viewColumns);
  if (!apiKey) throw new Error('API key was not stored');
  return { apiKey, token };
}

export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeyView[]> {
  return ctx.db.select(viewColumns).from(apiKeys).orderBy(desc(apiKeys.createdAt));
}

/** Revokes by id or by prefix; a revoked key stops working on its next request. */
export async function revokeApiKey(ctx: ServiceContext, idOrPrefix: string): Promise<ApiKeyView> {
  const byId = z.uuid().safeParse(idOrPrefix).success;
  const [revoked] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(byId ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix), isNull(apiKeys.revokedAt)))
    .returning(viewColumns);
  if (revoked) return revoked;
  const [existing] = await ctx.db
    .select(viewColumns)
    .from(apiKeys)
    .where(byId ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix));
  if (!existing) throw new NotFoundError('API key', idOrPrefix);
  return existing;
}

/** The live key a bearer token belongs to, recording its use; null for unknown or revoked keys. */
export async function authenticateApiKey(ctx: ServiceContext, token: string): Promise<ApiKeyView | null> {
  const match = /^upk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match) return null;
  const [row] = await ctx.db
    .select({ ...viewColumns, secretHash: apiKeys.secretHash })
    .from(apiKeys)
    .where(eq(apiKeys.prefix, match[1] ?? ''));
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.secretHash, 'hex');
  const actual = Buffer.from(hashToken(token), 'hex');
  if (!timingSafeEqual(expected, actual)) return null;
  const lastUsedAt = new Date();
  await ctx.db.update(apiKeys).set({ lastUsedAt }).where(eq(apiKeys.id, row.id));
  const { secretHash: _hash, ...view } = row;
  return { ...view, lastUsedAt };
}
