import {
  AccountPage,
  ForgotPasswordPage,
  LoginPage,
  NotFoundPage,
  RequireAuth,
  ResetPasswordPage,
  SignupPage,
  VerifyEmailPage,
} from '@hotlead/ui';
import type { RouteObject } from 'react-router';
import { AdminLayout } from './layouts/AdminLayout';
import { RequirePlatformAdmin, RequireProviderManager, RequireProviderMembership } from './layouts/guards';
import { DevMailboxMessagePage } from './pages/DevMailboxMessagePage/DevMailboxMessagePage';
import { CreditAdjustPage } from './pages/CreditAdjustPage/CreditAdjustPage';
import { ConversationDetailPage } from './pages/ConversationDetailPage/ConversationDetailPage';
import { ConversationsPage } from './pages/ConversationsPage/ConversationsPage';
import { CreditPackagesPage } from './pages/CreditPackagesPage/CreditPackagesPage';
import { DevMailboxPage } from './pages/DevMailboxPage/DevMailboxPage';
import { DisputesPage } from './pages/DisputesPage/DisputesPage';
import { DuplicateReviewPage } from './pages/DuplicateReviewPage/DuplicateReviewPage';
import { FinanceDashboardPage } from './pages/FinanceDashboardPage/FinanceDashboardPage';
import { HomePage } from './pages/HomePage/HomePage';
import { InventoryPage } from './pages/InventoryPage/InventoryPage';
import { LeadInboxPage } from './pages/LeadInboxPage/LeadInboxPage';
import { LeadPurchaseDetailPage } from './pages/LeadPurchaseDetailPage/LeadPurchaseDetailPage';
import { LeadPurchasesPage } from './pages/LeadPurchasesPage/LeadPurchasesPage';
import { LeadReportsPage } from './pages/LeadReportsPage/LeadReportsPage';
import { LedgerPage } from './pages/LedgerPage/LedgerPage';
import { PartnerOrgsPage } from './pages/PartnerOrgsPage/PartnerOrgsPage';
import { PayoutRunsPage } from './pages/PayoutRunsPage/PayoutRunsPage';
import { ProviderLeadPage } from './pages/ProviderLeadPage/ProviderLeadPage';
import { ProviderMembersPage } from './pages/ProviderMembersPage/ProviderMembersPage';
import { ProviderSettingsPage } from './pages/ProviderSettingsPage/ProviderSettingsPage';
import { ProviderTeamPage } from './pages/ProviderTeamPage/ProviderTeamPage';
import { RelaySettingsPage } from './pages/RelaySettingsPage/RelaySettingsPage';
import { ServiceRequestsPage } from './pages/ServiceRequestsPage/ServiceRequestsPage';
import { SuppressionPage } from './pages/SuppressionPage/SuppressionPage';
import { UploadDetailPage } from './pages/UploadDetailPage/UploadDetailPage';
import { UploadReviewQueuePage } from './pages/UploadReviewQueuePage/UploadReviewQueuePage';
import { UploadsPage } from './pages/UploadsPage/UploadsPage';
import { UsersPage } from './pages/UsersPage/UsersPage';
import { WorkspacesPage } from './pages/WorkspacesPage/WorkspacesPage';
import { routePaths } from './urls';

/** The admin and provider console's route tree (mounted under the `/admin/` base path). */
export const routes: RouteObject[] = [
  { path: routePaths.login, element: <LoginPage appName="Admin & provider console" /> },
  { path: routePaths.signup, element: <SignupPage appName="Admin & provider console" /> },
  { path: routePaths.forgotPassword, element: <ForgotPasswordPage /> },
  { path: routePaths.resetPassword, element: <ResetPasswordPage /> },
  { path: routePaths.verifyEmail, element: <VerifyEmailPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AdminLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: routePaths.account, element: <AccountPage /> },
          {
            element: <RequirePlatformAdmin />,
            children: [
              { path: routePaths.users, element: <UsersPage /> },
              { path: routePaths.workspaces, element: <WorkspacesPage /> },
              { path: routePaths.partnerOrgs, element: <PartnerOrgsPage /> },
              { path: routePaths.finance, element: <FinanceDashboardPage /> },
              { path: routePaths.financePackages, element: <CreditPackagesPage /> },
              { path: routePaths.financeAdjust, element: <CreditAdjustPage /> },
              { path: routePaths.financePayouts, element: <PayoutRunsPage /> },
              { path: routePaths.financeLedger, element: <LedgerPage /> },
              { path: routePaths.devMailbox, element: <DevMailboxPage /> },
              { path: routePaths.devMailboxMessage, element: <DevMailboxMessagePage /> },
              { path: routePaths.supplyReview, element: <UploadReviewQueuePage /> },
              { path: routePaths.supplyUploads, element: <UploadsPage /> },
              { path: routePaths.supplyUpload, element: <UploadDetailPage /> },
              { path: routePaths.supplyDuplicates, element: <DuplicateReviewPage /> },
              { path: routePaths.supplyInventory, element: <InventoryPage /> },
              { path: routePaths.marketplacePurchases, element: <LeadPurchasesPage /> },
              { path: routePaths.marketplacePurchase, element: <LeadPurchaseDetailPage /> },
              { path: routePaths.marketplaceReports, element: <LeadReportsPage /> },
              { path: routePaths.marketplaceSuppression, element: <SuppressionPage /> },
              { path: routePaths.conversations, element: <ConversationsPage /> },
              { path: routePaths.conversationRequests, element: <ServiceRequestsPage /> },
              { path: routePaths.conversationDisputes, element: <DisputesPage /> },
              { path: routePaths.conversationSettings, element: <RelaySettingsPage /> },
              { path: routePaths.conversation, element: <ConversationDetailPage /> },
            ],
          },
          {
            element: <RequireProviderMembership />,
            children: [
              { path: routePaths.providerInbox, element: <LeadInboxPage /> },
              { path: routePaths.providerLead, element: <ProviderLeadPage /> },
              { path: routePaths.providerMembers, element: <ProviderMembersPage /> },
            ],
          },
          {
            element: <RequireProviderManager />,
            children: [
              { path: routePaths.providerTeam, element: <ProviderTeamPage /> },
              { path: routePaths.providerSettings, element: <ProviderSettingsPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
