import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (this file is server/src/platform/paths.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
