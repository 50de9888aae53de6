export { theme } from './theme';
export { AppProviders, type AppProvidersProps } from './AppProviders';
export { startApp, type StartAppOptions } from './startApp';

export { RequireAuth } from './auth/RequireAuth';
export { useViewer, ViewerContext, type Viewer } from './auth/ViewerContext';
export { useLogout } from './auth/useLogout';
export { useSessionRevokedLogout } from './auth/useSessionRevokedLogout';
export { loginPathFor, safeNextPath } from './auth/next';
export { AuthCard, type AuthCardProps } from './auth/AuthCard';

export { AppShellLayout, type AppShellLayoutProps } from './layout/AppShellLayout';
export { UserMenu } from './layout/UserMenu';
export { groupNavItems, isNavItemActive, type NavItem } from './layout/navigation';

export { LoginPage, type LoginPageProps } from './pages/LoginPage/LoginPage';
export { SignupPage } from './pages/SignupPage/SignupPage';
export { ForgotPasswordPage } from './pages/ForgotPasswordPage/ForgotPasswordPage';
export { ResetPasswordPage } from './pages/ResetPasswordPage/ResetPasswordPage';
export { VerifyEmailPage } from './pages/VerifyEmailPage/VerifyEmailPage';
export { AccountPage } from './pages/AccountPage/AccountPage';
export { describeUserAgent } from './pages/AccountPage/SessionsCard';
export { InvitePage, type AcceptedInvitation, type InviteDestination, type InvitePageProps } from './pages/InvitePage/InvitePage';

export { NotFoundPage } from './pages/NotFoundPage';
export { NoAccessPage } from './pages/NoAccessPage';

export { ConfirmModal, type ConfirmModalProps } from './feedback/ConfirmModal';
export { EmptyPanel, type EmptyPanelProps } from './feedback/EmptyPanel';
export { PageSkeleton, TableSkeleton } from './feedback/Skeletons';
export { QueryErrorAlert, type QueryErrorAlertProps } from './feedback/QueryErrorAlert';
export { notifyError, notifyFailure, notifySuccess, reportOutcome } from './feedback/notify';

export { FormErrorAlert } from './forms/FormErrorAlert';
export { applyUserErrors, type FieldErrorTarget, type UserErrorLike } from './forms/userErrors';
// Apps build their forms with @mantine/form; the zod resolver comes from here.
export { zodResolver } from 'mantine-form-zod-resolver';
export { emailSchema, nameSchema, passwordSchema, PASSWORD_MAX, PASSWORD_MIN } from './forms/schemas';

export { MembersTable, type MemberRow, type MembersTableProps } from './members/MembersTable';
export { InvitationsTable, type InvitationRow, type InvitationsTableProps } from './members/InvitationsTable';
export { InviteMemberForm, type InviteMemberFormProps } from './members/InviteMemberForm';
export { WorkspaceInvitationsSection, type WorkspaceInvitationsSectionProps } from './members/WorkspaceInvitationsSection';
export { WorkspaceMembersSection, type WorkspaceMembersSectionProps } from './members/WorkspaceMembersSection';

export { formatDate, formatDateTime } from './format/date';
export { downloadFile, formatCents, formatCredits, formatUsd } from './format/money';
export { humanizeEnum } from './format/roles';
export { LoadMoreButton } from './lists/LoadMoreButton';
export { useLoadMore } from './lists/useLoadMore';
