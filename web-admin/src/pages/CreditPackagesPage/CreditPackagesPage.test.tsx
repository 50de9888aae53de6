import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminCreditPackagesDocument,
  CreditPackageSaveDocument,
  type AdminCreditPackageFieldsFragment,
  type CreditPackageSaveMutationVariables,
} from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

type Package = WithTypename<AdminCreditPackageFieldsFragment>;

function pkg(id: string, name: string, credits: number, priceCents: number, overrides: Partial<Package> = {}): Package {
  return {
    __typename: 'CreditPackage',
    id,
    name,
    credits,
    priceCents,
    price: `${Math.trunc(priceCents / 100)}.${String(priceCents % 100).padStart(2, '0')}00`,
    pricePerCredit: '0.0750',
    active: true,
    sortOrder: 1,
    ...overrides,
  };
}

const starter = pkg('p1', 'Starter', 1000, 7500);
const legacy = pkg('p2', 'Legacy', 500, 5000, { active: false, sortOrder: 9, pricePerCredit: '0.1000' });

function dialog() {
  return within(screen.getByRole('dialog'));
}

describe('CreditPackagesPage', () => {
  it('lists every package and saves an edited price in integer cents', async () => {
    const saves: CreditPackageSaveMutationVariables[] = [];
    let current = [starter, legacy];
    const { user } = renderConsole('/finance/packages', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminCreditPackagesDocument, () => ({ adminCreditPackages: current })),
      mockOperation(CreditPackageSaveDocument, (variables) => {
        saves.push(variables);
        const saved = pkg('p1', variables.input.name, variables.input.credits, variables.input.priceCents, { pricePerCredit: '0.0799' });
        current = [saved, legacy];
        return { creditPackageSave: { creditPackage: saved, userErrors: [] } };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Credit packages' });
    const starterRow = within(table).getByRole('row', { name: /Starter/ });
    expect(within(starterRow).getByText('1,000')).toBeInTheDocument();
    expect(within(starterRow).getByText('$75.00')).toBeInTheDocument();
    expect(within(starterRow).getByText('$0.075')).toBeInTheDocument();
    expect(within(starterRow).getByText('On sale')).toBeInTheDocument();
    expect(within(within(table).getByRole('row', { name: /Legacy/ })).getByText('Hidden')).toBeInTheDocument();
    expect(screen.getByText(/Edits are audited/)).toBeInTheDocument();

    await user.click(within(starterRow).getByRole('button', { name: 'Edit Starter' }));
    const price = dialog().getByRole('textbox', { name: 'Price (USD)' });
    expect(price).toHaveValue('75.00');
    await user.clear(price);
    await user.type(price, '79.99');
    await user.click(dialog().getByRole('button', { name: 'Save package' }));

    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Credit packages' })).getByText('$79.99')).toBeInTheDocument());
    expect(saves).toEqual([{ input: { id: 'p1', name: 'Starter', credits: 1000, priceCents: 7999, active: true, sortOrder: 1 } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('checks the form, then shows the server’s user errors beside their fields', async () => {
    const saves: CreditPackageSaveMutationVariables[] = [];
    const { user } = renderConsole('/finance/packages', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminCreditPackagesDocument, { adminCreditPackages: [starter] }),
      mockOperation(CreditPackageSaveDocument, (variables) => {
        saves.push(variables);
        return {
          creditPackageSave: {
            creditPackage: null,
            userErrors: [
              { code: 'INVALID_INPUT', field: ['input', 'credits'], message: 'Credits must be a whole number above zero.' },
              { code: 'INVALID_INPUT', field: ['input', 'priceCents'], message: 'The price must be whole cents, at least $0.50.' },
            ],
          },
        };
      }),
    ]);
    await screen.findByRole('table', { name: 'Credit packages' });
    await user.click(screen.getByRole('button', { name: 'New package' }));

    // A price with more than two decimals never reaches the server.
    await user.type(dialog().getByRole('textbox', { name: 'Name' }), 'Mega');
    await user.type(dialog().getByRole('textbox', { name: 'Credits' }), '20000');
    await user.type(dialog().getByRole('textbox', { name: 'Price (USD)' }), '1.999');
    await user.click(dialog().getByRole('button', { name: 'Create package' }));
    expect(dialog().getByRole('textbox', { name: 'Price (USD)' })).toHaveAccessibleDescription('Enter a price in dollars, like 79.99');
    expect(saves).toHaveLength(0);

    await user.clear(dialog().getByRole('textbox', { name: 'Price (USD)' }));
    await user.type(dialog().getByRole('textbox', { name: 'Price (USD)' }), '1200');
    await user.click(dialog().getByRole('button', { name: 'Create package' }));

    await waitFor(() =>
      expect(dialog().getByRole('textbox', { name: 'Credits' })).toHaveAccessibleDescription('Credits must be a whole number above zero.'),
    );
    expect(dialog().getByRole('textbox', { name: 'Price (USD)' })).toHaveAccessibleDescription(
      'The price must be whole cents, at least $0.50.',
    );
    expect(saves).toEqual([{ input: { name: 'Mega', credits: 20000, priceCents: 120000, active: true, sortOrder: 0 } }]);
  });
});
