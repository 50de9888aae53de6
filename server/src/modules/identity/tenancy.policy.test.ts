import { describe, expect, it } from 'vitest';
import { partnerOrgPolicy, workspacePolicy } from './tenancy.policy.js';

describe('workspace policy', () => {
  it.each([
    ['OWNER', true, true, true],
    ['ADMIN', false, true, true],
    ['MEMBER', false, false, false],
    [null, false, false, false],
  ] as const)('%s: manage members %s, invite members %s, manage API keys %s', (role, manage, inviteMember, keys) => {
    expect(workspacePolicy.canManageMembers(role)).toBe(manage);
    expect(workspacePolicy.canInvite(role, 'MEMBER')).toBe(inviteMember);
    expect(workspacePolicy.canManageApiKeys(role)).toBe(keys);
  });

  it('only owners invite admins or owners', () => {
    expect(workspacePolicy.canInvite('OWNER', 'OWNER')).toBe(true);
    expect(workspacePolicy.canInvite('ADMIN', 'ADMIN')).toBe(false);
    expect(workspacePolicy.canInvite('ADMIN', 'OWNER')).toBe(false);
  });

  it('platform admins may view without a membership; strangers may not', () => {
    expect(workspacePolicy.canView(null, true)).toBe(true);
    expect(workspacePolicy.canView(null, false)).toBe(false);
  });
});

describe('partner org policy', () => {
  it('owners manage and invite; members only view', () => {
    expect(partnerOrgPolicy.canManageMembers('OWNER')).toBe(true);
    expect(partnerOrgPolicy.canInvite('MEMBER')).toBe(false);
    expect(partnerOrgPolicy.canView('MEMBER', false)).toBe(true);
    expect(partnerOrgPolicy.canView(null, false)).toBe(false);
  });
});
