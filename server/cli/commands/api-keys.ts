// `uplink api-keys create|list|revoke`. The token is printed once, on create: only its hash is stored.
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/access/api-keys.js';
import type { Command } from '../command.js';
import { timestamp } from '../output.js';

export const apiKeysCreate: Command = {
  name: 'api-keys create',
  summary: 'Create an API key for the REST API and print its token, once.',
  options: {
    name: { type: 'string', description: 'who or what uses it, e.g. "CRM sync"', placeholder: '<text>', required: true },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const { apiKey, token } = await createApiKey(ctx, { name: input.option('name') });
    out.result({ apiKey, token }, (print) => {
      print.line(`Created API key "${apiKey.name}" (prefix ${apiKey.prefix}, id ${apiKey.id}).`);
      print.line('Its token follows. It is shown only now: store it somewhere safe, it cannot be shown again.');
      print.line(token);
    });
  },
};

export const apiKeysList: Command = {
  name: 'api-keys list',
  summary: 'List API keys (never their tokens), newest first.',
  options: {},
  temporal: 'none',
  async run(_input, { ctx }, out) {
    const keys = await listApiKeys(ctx);
    out.result({ items: keys }, (print) => {
      if (keys.length === 0) {
        print.line('No API keys yet. Create one with `uplink api-keys create --name <text>`.');
        return;
      }
      print.table(
        [{ header: 'PREFIX' }, { header: 'NAME' }, { header: 'CREATED' }, { header: 'LAST USED' }, { header: 'REVOKED' }, { header: 'ID' }],
        keys.map((key) => [key.prefix, key.name, timestamp(key.createdAt), timestamp(key.lastUsedAt), timestamp(key.revokedAt), key.id]),
      );
    });
  },
};

export const apiKeysRevoke: Command = {
  name: 'api-keys revoke',
  summary: 'Revoke an API key: requests with its token are refused from now on.',
  options: {},
  positional: { name: 'id-or-prefix', description: "the key's id, or its prefix as `api-keys list` shows it" },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const apiKey = await revokeApiKey(ctx, input.argument ?? '');
    out.result({ apiKey }, (print) =>
      print.line(`API key "${apiKey.name}" (prefix ${apiKey.prefix}) is revoked since ${timestamp(apiKey.revokedAt)}.`),
    );
  },
};
