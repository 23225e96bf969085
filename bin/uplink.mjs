#!/usr/bin/env node
// The `uplink` command. The CLI is TypeScript run through tsx, as `npm start` is; paths are
// resolved from this file, so it works from any folder and through npm's bin link.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import(new URL('../server/cli/main.ts', import.meta.url).href);
