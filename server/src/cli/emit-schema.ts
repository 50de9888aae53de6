// Writes server/schema.graphql from the code: the contract the SPAs and third parties build against.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/paths.js';
import { buildHotleadSchema, printHotleadSchema } from '../platform/graphql/schema.js';

const target = path.join(repoRoot, 'server', 'schema.graphql');
writeFileSync(target, printHotleadSchema(await buildHotleadSchema()));
console.log(`wrote ${path.relative(repoRoot, target)}`);
