import { mockOperation, renderWithProviders, screen, waitFor } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { OptOutDocument, type OptOutMutationVariables } from '../../gql/graphql';
import { routes } from '../../routes';
import { OPT_OUT_CONFIRMATION } from './OptOutPage';

/** Signed out: no viewer query is answered, so the page must not need one. */
function renderOptOut(handlers: GraphQLHandler[]) {
  return renderWithProviders(null, { routes, route: '/opt-out', handlers });
}

describe('OptOutPage', () => {
  it('explains opting out, asks for an email or a phone, and confirms neutrally', async () => {
    const requests: OptOutMutationVariables[] = [];
    const { user } = renderOptOut([
      mockOperation(OptOutDocument, (variables) => {
        requests.push(variables);
        return { optOut: { __typename: 'OptOutPayload', done: true, userErrors: [] } };
      }),
    ]);

    expect(await screen.findByRole('heading', { name: 'Opt out of Hotlead' })).toBeInTheDocument();
    expect(screen.getByText(/removed from the marketplace/)).toBeInTheDocument();
    expect(screen.getByText(/never imported again/)).toBeInTheDocument();
    expect(screen.getByText(/already bought them are notified/)).toBeInTheDocument();

    // Neither given: nothing is sent.
    await user.click(screen.getByRole('button', { name: 'Opt out' }));
    expect(await screen.findByText('Enter your email address, your phone number, or both')).toBeInTheDocument();
    expect(requests).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'Email' }), '  jane@example.com ');
    await user.click(screen.getByRole('button', { name: 'Opt out' }));

    expect(await screen.findByText(OPT_OUT_CONFIRMATION)).toBeInTheDocument();
    expect(screen.getByText(/If Hotlead held your details, they have been removed/)).toBeInTheDocument();
    expect(requests).toEqual([{ email: 'jane@example.com', phone: null }]);
  });

  it('shows field errors beside their fields and other errors above the form', async () => {
    const requests: OptOutMutationVariables[] = [];
    const { user } = renderOptOut([
      mockOperation(OptOutDocument, (variables) => {
        requests.push(variables);
        return requests.length === 1
          ? {
              optOut: {
                done: false,
                userErrors: [
                  { code: 'INVALID_INPUT', message: 'Enter the phone number with its country code.', field: ['input', 'phone'] },
                ],
              },
            }
          : {
              optOut: {
                done: false,
                userErrors: [{ code: 'RATE_LIMITED', message: 'Too many requests from this network; try again in an hour.', field: null }],
              },
            };
      }),
    ]);

    const phone = await screen.findByRole('textbox', { name: /Phone/ });
    await user.type(phone, '555 0100');
    await user.click(screen.getByRole('button', { name: 'Opt out' }));
    expect(await screen.findByText('Enter the phone number with its country code.')).toBeInTheDocument();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(requests[0]).toEqual({ email: null, phone: '555 0100' });

    await user.clear(phone);
    await user.type(phone, '+1 415 555 0100');
    await user.click(screen.getByRole('button', { name: 'Opt out' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests from this network; try again in an hour.');
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(screen.queryByText(OPT_OUT_CONFIRMATION)).not.toBeInTheDocument();
  });
});
