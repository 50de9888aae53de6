import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RequestFormDocument,
  RequestNichesDocument,
  ServiceRequestSubmitDocument,
  type ServiceRequestSubmitMutationVariables,
} from '../../gql/graphql';
import { buildNiche, CONSENT, mockOperationErrors, renderConsole } from '../../test/fixtures';

const plumbing = buildNiche();

function formHandlers(niche = plumbing) {
  return [mockOperation(RequestFormDocument, { niche, requestConsent: CONSENT })];
}

describe('the public request form', () => {
  it('lists the active niches as cards leading to their form, without signing in', async () => {
    const { user, router } = renderConsole('/request', [
      mockOperation(RequestNichesDocument, {
        niches: [plumbing, buildNiche({ id: 'niche-paused', slug: 'roofing', name: 'Roofing', active: false })],
      }),
      ...formHandlers(),
    ]);

    expect(await screen.findByRole('heading', { name: 'What do you need help with?' })).toBeInTheDocument();
    expect(screen.queryByText('Roofing')).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Plumbing/ }));

    expect(await screen.findByRole('heading', { name: 'Plumbing', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/request/plumbing');
  });

  it('shows the exact consent wording unticked, sends hideEmail and the consent version, then asks to check the email', async () => {
    const sent: ServiceRequestSubmitMutationVariables[] = [];
    const { user } = renderConsole('/request/plumbing', [
      ...formHandlers(),
      mockOperation(ServiceRequestSubmitDocument, (variables) => {
        sent.push(variables);
        return { serviceRequestSubmit: { __typename: 'ServiceRequestSubmitPayload', accepted: true, maskedEmail: 'j***@example.com' } };
      }),
    ]);

    const consent = await screen.findByRole('checkbox', { name: CONSENT.wording });
    // The person ticks it: never pre-ticked.
    expect(consent).not.toBeChecked();
    expect(screen.getByText(/the providers matched with your request receive your email address/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Country/, { selector: 'input' })).toHaveValue('United States');

    await user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Jane Doe');
    await user.type(screen.getByRole('textbox', { name: /Email/ }), 'jane@example.com');
    await user.type(screen.getByRole('textbox', { name: /City/ }), 'Oakland');
    await user.type(screen.getByRole('textbox', { name: /Details/ }), 'Short');
    expect(screen.getByText('5 / 5000 characters (at least 10)')).toBeInTheDocument();

    // Too short: refused before anything is sent.
    await user.click(screen.getByRole('button', { name: 'Send my request' }));
    expect(await screen.findByText('Describe what you need in at least 10 characters')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.click(screen.getByRole('textbox', { name: /Details/ }));
    await user.paste(': the kitchen sink leaks.');
    expect(screen.getByText('30 / 5000 characters (at least 10)')).toBeInTheDocument();
    await user.click(consent);
    expect(consent).toBeChecked();
    expect(screen.getByText(/Providers will not see your email address/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send my request' }));

    const panel = await screen.findByRole('status');
    expect(within(panel).getByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(panel).toHaveTextContent(
      'We sent a confirmation link to j***@example.com. Open it to confirm your request and set up your account.',
    );
    expect(sent).toEqual([
      {
        input: {
          nicheSlug: 'plumbing',
          name: 'Jane Doe',
          email: 'jane@example.com',
          phone: null,
          country: 'US',
          region: null,
          city: 'Oakland',
          postalCode: null,
          details: 'Short: the kitchen sink leaks.',
          hideEmail: true,
          consentVersion: CONSENT.version,
        },
      },
    ]);
    expect(screen.queryByRole('button', { name: 'Send my request' })).not.toBeInTheDocument();
  });

  it("shows the server's field error on its field and a rate limit as an alert", async () => {
    const calls: ServiceRequestSubmitMutationVariables[] = [];
    const { user } = renderConsole('/request/plumbing', [
      ...formHandlers(),
      mockOperationErrors(
        ServiceRequestSubmitDocument,
        (call) =>
          call === 1
            ? [
                {
                  message: 'Enter the postal code of the place where the work is.',
                  extensions: { code: 'BAD_USER_INPUT', field: ['input', 'postalCode'] },
                },
              ]
            : [{ message: 'Too many requests from this network.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1700 } }],
        (variables) => calls.push(variables),
      ),
    ]);

    await user.type(await screen.findByRole('textbox', { name: /Your name/ }), 'Jane Doe');
    await user.type(screen.getByRole('textbox', { name: /Email/ }), 'jane@example.com');
    await user.type(screen.getByRole('textbox', { name: /Postal code/ }), '00000');
    await user.click(screen.getByRole('textbox', { name: /Details/ }));
    await user.paste('The kitchen sink leaks.');
    await user.click(screen.getByRole('button', { name: 'Send my request' }));

    const postalCode = screen.getByRole('textbox', { name: /Postal code/ });
    expect(await screen.findByText('Enter the postal code of the place where the work is.')).toBeInTheDocument();
    expect(postalCode).toHaveAttribute('aria-invalid', 'true');
    expect(calls[0]?.input).toMatchObject({ postalCode: '00000', hideEmail: false, consentVersion: CONSENT.version });
    // Nothing typed is lost.
    expect(screen.getByRole('textbox', { name: /Details/ })).toHaveValue('The kitchen sink leaks.');

    await user.click(screen.getByRole('button', { name: 'Send my request' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests');
    expect(alert).toHaveTextContent('Too many requests from this network. Please try again in 29 minutes.');
    expect(calls).toHaveLength(2);
    expect(screen.queryByText('Check your email')).not.toBeInTheDocument();
  });

  it('says so when the niche is not open for requests', async () => {
    renderConsole('/request/roofing', formHandlers(buildNiche({ slug: 'roofing', name: 'Roofing', active: false })));
    expect(await screen.findByText('This service is not open for requests')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See all services' })).toHaveAttribute('href', '/request');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Send my request' })).not.toBeInTheDocument());
  });
});
