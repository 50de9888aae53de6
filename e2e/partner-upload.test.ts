// A partner's lead upload in the browser: drop a CSV in the wizard, keep the automatic mapping (the
// preview shows normalized rows and a rejected one), choose the industry, start, watch the import
// finish on the upload's page, find it in the history with its counts and the rejected-rows CSV; then
// the platform admin finds the upload among every partner's and sees its leads in the inventory.
import { describe, expect, it } from 'vitest';
import { DEMO, login } from './support/app';
import { useBrowser } from './support/browser';

const RUN = Date.now().toString(36);
const ROWS = 60;

function csv(): string {
  const lines = ['First Name,Last Name,Work Email,Phone #,Job Title,Company,Country'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `Robin${i},Tester,robin.${RUN}.${i}@e2e-${RUN}.com,+1 512 ${200 + (i % 700)} ${String(1000 + i).padStart(4, '0')},VP Sales,E2E ${RUN} Inc,US`,
    );
  }
  lines.push(`Broken,Row,not-an-email,,CEO,Nowhere Inc,US`);
  return lines.join('\n') + '\n';
}

describe('partner lead upload', () => {
  const b = useBrowser('partner-upload');

  it('uploads a CSV, maps it, imports it live and finds it in the history; the admin sees it too', async () => {
    const { page } = b;
    await login(page, 'partner', DEMO.partnerOwner);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Upload leads' }).first().click();
    await page.getByRole('heading', { name: 'Upload leads' }).waitFor();

    await page.getByLabel('CSV file of leads').setInputFiles({ name: `e2e-${RUN}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv()) });

    // Columns: mapped from the headers; the preview shows the normalized phone.
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    await page.getByRole('table', { name: 'Import preview' }).getByText('+15122001000').waitFor();
    await page.getByRole('button', { name: 'Next: details' }).click();

    // Details: industry, lawful basis, start.
    await page.getByRole('combobox', { name: 'Industry' }).click();
    await page.getByRole('option').first().click();
    await page.getByLabel('I confirm these contacts were collected lawfully and may be offered to B2B buyers').check();
    await page.getByRole('button', { name: 'Start import' }).click();

    // The upload's page follows the import until it completes.
    await page.getByRole('heading', { name: `e2e-${RUN}.csv` }).waitFor();
    await page.getByRole('group', { name: 'Status' }).getByText('Completed').waitFor({ timeout: 30_000 });
    const accepted = page.getByRole('group', { name: 'Accepted' });
    await accepted.getByText(String(ROWS)).waitFor();
    await page.getByRole('group', { name: 'Rejected' }).getByText('1', { exact: true }).waitFor();
    const download = page.getByRole('link', { name: 'Download rejected rows (CSV)' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/uploads\/leads\/[^/]+\/rejected\.csv$/);
    const rejected = await page.request.get(href!);
    expect(rejected.status()).toBe(200);
    expect(await rejected.text()).toContain('INVALID_EMAIL');

    // The history lists it.
    await page.getByRole('link', { name: 'Upload history' }).first().click();
    await page
      .getByRole('link', { name: `e2e-${RUN}.csv` })
      .first()
      .waitFor();

    // The admin sees it among every partner's uploads, and its leads in the inventory.
    await login(page, 'admin', DEMO.admin);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Uploads' }).click();
    await page
      .getByRole('link', { name: `e2e-${RUN}.csv` })
      .first()
      .click();
    await page
      .getByText(new RegExp(`^robin\\.${RUN}\\.\\d+@e2e-${RUN}\\.com$`))
      .first()
      .waitFor({ timeout: 15_000 });
  });
});
