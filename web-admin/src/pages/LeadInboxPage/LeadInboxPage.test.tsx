import { screen } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

describe('LeadInboxPage', () => {
  it('shows the provider workspace and an empty inbox', async () => {
    renderConsole('/provider/ws-prov/inbox', signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }));
    expect(await screen.findByRole('heading', { name: 'Lead inbox' })).toBeInTheDocument();
    expect(screen.getByText('Fast Plumbers')).toBeInTheDocument();
    expect(screen.getByText('No leads yet')).toBeInTheDocument();
  });
});
