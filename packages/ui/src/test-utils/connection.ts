// A page of a Relay connection as the API returns it (`<Type>Connection` with edges, nodes' cursors
// `cursor-<id>`, pageInfo and counts), for answering paged queries in app tests.
export function connectionPage<TNode extends { id: string }>(
  typename: string,
  nodes: TNode[],
  page: { hasNextPage?: boolean; endCursor?: string | null; totalCount?: number } = {},
) {
  return {
    __typename: `${typename}Connection`,
    edges: nodes.map((node) => ({ __typename: `${typename}Edge`, cursor: `cursor-${node.id}`, node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: page.hasNextPage ?? false,
      endCursor: page.endCursor ?? (nodes.length ? `cursor-${nodes[nodes.length - 1]!.id}` : null),
    },
    totalCount: page.totalCount ?? nodes.length,
    totalCountIsEstimate: false,
  };
}
