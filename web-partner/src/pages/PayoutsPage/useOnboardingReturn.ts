import { useMutation } from '@apollo/client/react';
import { errorMessage } from '@hotlead/graphql-client';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PayoutAccountRefreshDocument, PayoutsPageDocument } from '../../gql/graphql';

export type OnboardingReturn =
  | { state: 'checking' }
  /** `reason`: the provider sent the partner back after finishing (`return`) or on an expired link (`refresh`). */
  | { state: 'checked'; reason: 'return' | 'refresh'; status: string | null }
  | { state: 'failed'; message: string };

/**
 * Back from the provider's onboarding (`?onboarding=return|refresh`): re-reads the payout account's
 * status once and says how it went. Null when the page was opened some other way.
 */
export function useOnboardingReturn(partnerOrgId: string): OnboardingReturn | null {
  const [searchParams] = useSearchParams();
  const param = searchParams.get('onboarding');
  const reason = param === 'return' || param === 'refresh' ? param : null;
  const [refresh] = useMutation(PayoutAccountRefreshDocument, { refetchQueries: [PayoutsPageDocument], awaitRefetchQueries: true });
  const [result, setResult] = useState<OnboardingReturn | null>(reason ? { state: 'checking' } : null);
  const started = useRef(false);

  useEffect(() => {
    if (!reason || started.current) return;
    started.current = true;
    void (async () => {
      try {
        const { data } = await refresh({ variables: { partnerOrgId } });
        const payload = data?.payoutAccountRefresh;
        const firstError = payload?.userErrors[0];
        setResult(
          firstError
            ? { state: 'failed', message: firstError.message }
            : { state: 'checked', reason, status: payload?.payoutAccount?.status ?? null },
        );
      } catch (error) {
        setResult({ state: 'failed', message: errorMessage(error) });
      }
    })();
  }, [reason, partnerOrgId, refresh]);

  return result;
}
