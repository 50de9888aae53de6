// The partner console (/partner/): a partner org owner signs in, sees the org, signs out.
import { describe, expect, it } from 'vitest';
import { DEMO, login, logout } from './support/app';
import { useBrowser } from './support/browser';

describe('partner console', () => {
  const b = useBrowser('partner');

  it('the partner owner logs in, sees org "LeadSource Data", and logs out', async () => {
    const { page } = b;
    await login(page, 'partner', DEMO.partnerOwner);

    await page.getByRole('heading', { name: 'LeadSource Data' }).first().waitFor();

    await logout(page, 'partner');
    expect(new URL(page.url()).pathname).toBe('/partner/login');
  });
});
