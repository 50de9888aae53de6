import type { AcceptedInvitation, InviteDestination } from '@hotlead/ui';
import { externalUrls, urls } from './urls';

/**
 * Invitation emails link here for every kind of invitation; partner orgs and provider workspaces
 * live in the other apps, so those open there.
 */
export function destinationAfterAccept({ workspace, partnerOrg }: AcceptedInvitation): InviteDestination {
  if (partnerOrg) return { href: externalUrls.partnerOrg(partnerOrg.id) };
  if (workspace?.kind === 'PROVIDER') return { href: externalUrls.providerInbox(workspace.id) };
  return workspace ? urls.workspace(workspace.id) : urls.home();
}
