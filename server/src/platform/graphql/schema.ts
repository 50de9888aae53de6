// Builds the executable schema from the resolvers. The same function emits server/schema.graphql.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { resolvers } from '../../modules/resolvers.js';
import { assertEveryOperationHasAccess } from './access.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { createMemoryPubSub } from '../pubsub/pubsub.js';

export async function buildHotleadSchema(pubSub: PubSub = createMemoryPubSub()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub,
    validate: false,
    emitSchemaFile: false,
  });
  assertEveryOperationHasAccess(schema);
  return schema;
}

export function printHotleadSchema(schema: GraphQLSchema): string {
  return `# Generated from the server code by \`pnpm codegen\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
