import type { CreditsPageQuery } from '../../gql/graphql';

export type Wallet = NonNullable<CreditsPageQuery['workspace']>['credits'];
export type CreditPackage = CreditsPageQuery['creditPackages'][number];

/** Where "Try again" scrolls to. */
export const PACKAGES_ANCHOR = 'credit-packages';
