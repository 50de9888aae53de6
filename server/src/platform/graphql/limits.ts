// Request limits, applied before execution to HTTP and WebSocket operations alike: depth, cost,
// aliases, directives and tokens (graphql-armor), and no field suggestions in validation errors.
import { ApolloArmor } from '@escape.tech/graphql-armor';

export const REQUEST_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2_000,
  maxCost: 5_000,
  /** Body size for POST /graphql. */
  maxBodyBytes: 1_048_576,
} as const;

export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    // Tokens are limited by the parser itself (Apollo's parseOptions.maxTokens), which reports a
    // proper GRAPHQL_PARSE_FAILED / 400 instead of failing inside a plugin.
    maxTokens: { enabled: false },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
