import {
  AccountSignupDocument,
  EmailVerifyDocument,
  mockOperation,
  PasswordResetDocument,
  PasswordResetRequestDocument,
  renderWithProviders,
  screen,
  waitFor,
} from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { routes } from './routes';
import { signedInAs } from './test/fixtures';

describe('SignupPage', () => {
  it('enforces the password length before sending', async () => {
    const { user } = renderWithProviders(null, { routes, route: '/signup' });
    await user.type(screen.getByLabelText(/Name/), 'Ada');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/Use at least 10 characters/);
  });

  it('shows a taken email beside the email field', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/signup',
      handlers: [
        mockOperation(AccountSignupDocument, {
          accountSignup: {
            user: null,
            userErrors: [{ field: ['input', 'email'], message: 'An account with this email already exists', code: 'EMAIL_TAKEN' }],
          },
        }),
      ],
    });
    await user.type(screen.getByLabelText(/Name/), 'Ada');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText(/Email/)).toHaveAccessibleDescription('An account with this email already exists'));
  });

  it('signs up and continues to `next`', async () => {
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/signup?next=%2Fworkspaces%2Fnew&email=ada%40example.com',
      handlers: [
        ...signedInAs(),
        mockOperation(AccountSignupDocument, ({ email }) => ({
          accountSignup: { user: { __typename: 'User', id: 'user-1', email }, userErrors: [] },
        })),
      ],
    });
    expect(screen.getByLabelText(/Email/)).toHaveValue('ada@example.com');
    await user.type(screen.getByLabelText(/Name/), 'Ada Lovelace');
    await user.type(screen.getByLabelText(/^Password/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { name: 'Create workspace' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/new');
    expect(screen.getByText('We sent a verification link to ada@example.com.')).toBeInTheDocument();
  });
});

describe('ForgotPasswordPage', () => {
  it('confirms without revealing whether the account exists', async () => {
    const requested: string[] = [];
    const { user } = renderWithProviders(null, {
      routes,
      route: '/forgot-password',
      handlers: [
        mockOperation(PasswordResetRequestDocument, ({ email }) => {
          requested.push(email);
          return { passwordResetRequest: { userErrors: [] } };
        }),
      ],
    });
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account exists for ada@example.com/)).toBeInTheDocument();
    expect(requested).toEqual(['ada@example.com']);
  });
});

describe('ResetPasswordPage', () => {
  it('explains a link without a token', () => {
    renderWithProviders(null, { routes, route: '/reset-password' });
    expect(screen.getByText('This link is incomplete')).toBeInTheDocument();
  });

  it('checks that both passwords match', async () => {
    const { user } = renderWithProviders(null, { routes, route: '/reset-password?token=t1' });
    await user.type(screen.getByLabelText(/^New password/), 'long enough password');
    await user.type(screen.getByLabelText(/^Confirm new password/), 'another long password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByLabelText(/^Confirm new password/)).toHaveAccessibleDescription('The passwords do not match');
  });

  it('shows an expired token as a form error', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/reset-password?token=t1',
      handlers: [
        mockOperation(PasswordResetDocument, {
          passwordReset: {
            user: null,
            userErrors: [{ field: ['input', 'token'], message: 'This reset link has expired', code: 'TOKEN_EXPIRED' }],
          },
        }),
      ],
    });
    await user.type(screen.getByLabelText(/^New password/), 'long enough password');
    await user.type(screen.getByLabelText(/^Confirm new password/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link has expired');
  });
});

describe('VerifyEmailPage', () => {
  it('verifies the token once on arrival', async () => {
    const tokens: string[] = [];
    renderWithProviders(null, {
      routes,
      route: '/verify-email?token=v1',
      handlers: [
        mockOperation(EmailVerifyDocument, ({ token }) => {
          tokens.push(token);
          return {
            emailVerify: { user: { __typename: 'User', id: 'user-1', email: 'ada@example.com', emailVerified: true }, userErrors: [] },
          };
        }),
      ],
    });
    expect(await screen.findByText('Email verified')).toBeInTheDocument();
    expect(tokens).toEqual(['v1']);
  });

  it('explains a used token', async () => {
    renderWithProviders(null, {
      routes,
      route: '/verify-email?token=v1',
      handlers: [
        mockOperation(EmailVerifyDocument, {
          emailVerify: {
            user: null,
            userErrors: [{ field: ['input', 'token'], message: 'This link was already used', code: 'TOKEN_USED' }],
          },
        }),
      ],
    });
    expect(await screen.findByText('This link was already used')).toBeInTheDocument();
  });
});
