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
} from '@hotlead/ui';
import type { RouteObject } from 'react-router';
import { BuyerLayout } from './layouts/BuyerLayout';
import { EndUserLayout } from './layouts/EndUserLayout';
import { PublicLayout } from './layouts/PublicLayout';
import { CreateWorkspacePage } from './pages/CreateWorkspacePage/CreateWorkspacePage';
import { CreditsPage } from './pages/CreditsPage/CreditsPage';
import { CartPage } from './pages/CartPage/CartPage';
import { CheckoutResultPage } from './pages/CheckoutResultPage/CheckoutResultPage';
import { CreditsReturnPage } from './pages/CreditsReturnPage/CreditsReturnPage';
import { HomePage } from './pages/HomePage/HomePage';
import { MarketplacePage } from './pages/MarketplacePage/MarketplacePage';
import { GoodbyePage } from './pages/GoodbyePage/GoodbyePage';
import { MyRequestsPage } from './pages/MyRequestsPage/MyRequestsPage';
import { OptOutPage } from './pages/OptOutPage/OptOutPage';
import { PrivacyPage } from './pages/PrivacyPage/PrivacyPage';
import { RequestConfirmPage } from './pages/RequestConfirmPage/RequestConfirmPage';
import { RequestFormPage } from './pages/RequestPage/RequestFormPage';
import { RequestNichesPage } from './pages/RequestPage/RequestNichesPage';
import { ThreadPage } from './pages/ThreadPage/ThreadPage';
import { PurchaseDetailPage } from './pages/PurchasesPage/PurchaseDetailPage';
import { PurchasesPage } from './pages/PurchasesPage/PurchasesPage';
import { SegmentsPage } from './pages/SegmentsPage/SegmentsPage';
import { SandboxCheckoutPage } from './pages/SandboxCheckoutPage/SandboxCheckoutPage';
import { WorkspacePage } from './pages/WorkspacePage/WorkspacePage';
import { destinationAfterAccept } from './inviteDestination';
import { routePaths } from './urls';

/** The buyer console's route tree (mounted under the `/buyer/` base path). */
export const routes: RouteObject[] = [
  { path: routePaths.login, element: <LoginPage appName="Buyer workspace" /> },
  { path: routePaths.signup, element: <SignupPage appName="Buyer workspace" /> },
  { path: routePaths.forgotPassword, element: <ForgotPasswordPage /> },
  { path: routePaths.resetPassword, element: <ResetPasswordPage /> },
  { path: routePaths.verifyEmail, element: <VerifyEmailPage /> },
  { path: routePaths.invite, element: <InvitePage destinationAfterAccept={destinationAfterAccept} /> },
  // Public: anyone may ask to be removed, signed in or not.
  { path: routePaths.optOut, element: <OptOutPage /> },
  // Public: a consumer's service request, its confirmation link, and the page after deleting the account.
  {
    element: <PublicLayout />,
    children: [
      { path: routePaths.requestNiches, element: <RequestNichesPage /> },
      { path: routePaths.requestForm, element: <RequestFormPage /> },
    ],
  },
  { path: routePaths.requestConfirm, element: <RequestConfirmPage /> },
  { path: routePaths.goodbye, element: <GoodbyePage /> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      {
        element: <BuyerLayout />,
        children: [
          { path: routePaths.workspaceNew, element: <CreateWorkspacePage /> },
          { path: routePaths.workspace, element: <WorkspacePage /> },
          { path: routePaths.workspaceCredits, element: <CreditsPage /> },
          { path: routePaths.marketplace, element: <MarketplacePage /> },
          { path: routePaths.segments, element: <SegmentsPage /> },
          { path: routePaths.cart, element: <CartPage /> },
          { path: routePaths.purchases, element: <PurchasesPage /> },
          { path: routePaths.purchase, element: <PurchaseDetailPage /> },
          { path: routePaths.creditsReturn, element: <CreditsReturnPage /> },
          { path: routePaths.checkoutResult, element: <CheckoutResultPage /> },
          { path: routePaths.account, element: <AccountPage /> },
        ],
      },
      // The sandbox payment provider's page: signed in, but outside the console's shell.
      { path: routePaths.sandboxCheckout, element: <SandboxCheckoutPage /> },
      {
        path: routePaths.endUserHome,
        element: <EndUserLayout />,
        children: [
          { index: true, element: <MyRequestsPage /> },
          { path: routePaths.endUserThread, element: <ThreadPage /> },
          { path: routePaths.endUserAccount, element: <AccountPage /> },
          { path: routePaths.endUserPrivacy, element: <PrivacyPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
