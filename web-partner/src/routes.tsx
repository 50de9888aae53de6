import {
  AccountPage,
  ForgotPasswordPage,
  InvitePage,
  LoginPage,
  NotFoundPage,
  RequireAuth,
  ResetPasswordPage,
  SignupPage,
  VerifyEmailPage,
  type AcceptedInvitation,
} from '@hotlead/ui';
import type { RouteObject } from 'react-router';
import { PartnerLayout } from './layouts/PartnerLayout';
import { CreatePartnerOrgPage } from './pages/CreatePartnerOrgPage/CreatePartnerOrgPage';
import { HomePage } from './pages/HomePage/HomePage';
import { PartnerOrgPage } from './pages/PartnerOrgPage/PartnerOrgPage';
import { PayoutsPage } from './pages/PayoutsPage/PayoutsPage';
import { PayoutsRedirectPage } from './pages/PayoutsRedirectPage/PayoutsRedirectPage';
import { SandboxConnectPage } from './pages/SandboxConnectPage/SandboxConnectPage';
import { SupplyDashboardPage } from './pages/SupplyDashboardPage/SupplyDashboardPage';
import { UploadDetailPage } from './pages/UploadDetailPage/UploadDetailPage';
import { UploadHistoryPage } from './pages/UploadHistoryPage/UploadHistoryPage';
import { UploadWizardPage } from './pages/UploadWizardPage/UploadWizardPage';
import { routePaths, urls } from './urls';

function destinationAfterAccept({ partnerOrg }: AcceptedInvitation): string {
  return partnerOrg ? urls.partnerOrg(partnerOrg.id) : urls.home();
}

/** The partner portal's route tree (mounted under the `/partner/` base path). */
export const routes: RouteObject[] = [
  { path: routePaths.login, element: <LoginPage appName="Partner portal" /> },
  { path: routePaths.signup, element: <SignupPage appName="Partner portal" /> },
  { path: routePaths.forgotPassword, element: <ForgotPasswordPage /> },
  { path: routePaths.resetPassword, element: <ResetPasswordPage /> },
  { path: routePaths.verifyEmail, element: <VerifyEmailPage /> },
  { path: routePaths.invite, element: <InvitePage destinationAfterAccept={destinationAfterAccept} /> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      // A stand-in for the provider's hosted page: no portal shell around it.
      { path: routePaths.sandboxConnect, element: <SandboxConnectPage /> },
      {
        element: <PartnerLayout />,
        children: [
          { path: routePaths.partnerOrgNew, element: <CreatePartnerOrgPage /> },
          { path: routePaths.partnerOrg, element: <PartnerOrgPage /> },
          { path: routePaths.partnerOrgPayouts, element: <PayoutsPage /> },
          { path: routePaths.supply, element: <SupplyDashboardPage /> },
          { path: routePaths.uploads, element: <UploadHistoryPage /> },
          { path: routePaths.uploadNew, element: <UploadWizardPage /> },
          { path: routePaths.upload, element: <UploadDetailPage /> },
          { path: routePaths.payouts, element: <PayoutsRedirectPage /> },
          { path: routePaths.account, element: <AccountPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
