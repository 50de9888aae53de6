import type { BuyerViewerQuery } from '../gql/graphql';

type Membership = NonNullable<BuyerViewerQuery['me']>['workspaceMemberships'][number];

/** The viewer's memberships in buyer workspaces (provider workspaces belong to web-admin). */
export function buyerMemberships(me: BuyerViewerQuery['me']): Membership[] {
  return (me?.workspaceMemberships ?? []).filter((m) => m.workspace.kind === 'BUYER');
}
