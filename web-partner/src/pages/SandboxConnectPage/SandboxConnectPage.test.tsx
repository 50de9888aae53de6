import { mockOperation, screen, waitFor } from '@hotlead/ui/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxConnectCompleteDocument, type SandboxConnectCompleteMutationVariables } from '../../gql/graphql';
import { renderPortal, signedInAs, stubLocationAssign } from '../../test/fixtures';

const location = { current: null as ReturnType<typeof stubLocationAssign> | null };
afterEach(() => {
  location.current?.restore();
  location.current = null;
});

const route = '/sandbox/connect/acct_sbx_123?return=http%3A%2F%2Flocalhost%2Fpartner%2Fpayouts%3Fonboarding%3Dreturn';

describe('SandboxConnectPage', () => {
  it('completes the sandbox onboarding and returns where the server says', async () => {
    location.current = stubLocationAssign();
    const calls: SandboxConnectCompleteMutationVariables[] = [];
    const { user } = renderPortal(route, [
      ...signedInAs(),
      mockOperation(SandboxConnectCompleteDocument, (variables) => {
        calls.push(variables);
        return { sandboxConnectComplete: { url: 'http://localhost/partner/payouts?onboarding=return', userErrors: [] } };
      }),
    ]);

    expect(await screen.findByRole('heading', { name: 'Hotlead sandbox — Connect onboarding (no real bank details)' })).toBeInTheDocument();
    // For show only: what is typed here is not sent.
    await user.type(screen.getByLabelText('Business name'), 'Lead Forge LLC');
    await user.type(screen.getByLabelText('Bank account (last 4 digits)'), '678912');
    expect(screen.getByLabelText('Bank account (last 4 digits)')).toHaveValue('6789');
    await user.click(screen.getByRole('button', { name: 'Complete onboarding' }));

    await waitFor(() => expect(location.current?.assign).toHaveBeenCalledWith('http://localhost/partner/payouts?onboarding=return'));
    expect(calls).toEqual([{ accountId: 'acct_sbx_123' }]);
  });

  it('tells a member that only owners connect the payout account', async () => {
    location.current = stubLocationAssign();
    const { user } = renderPortal(route, [
      ...signedInAs(),
      mockOperation(SandboxConnectCompleteDocument, {
        sandboxConnectComplete: {
          url: null,
          userErrors: [{ field: null, code: 'NOT_ALLOWED', message: 'Only partner org owners manage payouts.' }],
        },
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Complete onboarding' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only partner org owners manage payouts.');
    expect(location.current.assign).not.toHaveBeenCalled();
  });
});
