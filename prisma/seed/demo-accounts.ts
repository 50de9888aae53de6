// The demo logins printed by `pnpm start`: one for every kind of person. Local demo data only.
export const DEMO_PASSWORD = 'hotlead-demo-2026';

export const DEMO_ADMIN = { email: 'admin@hotlead.test', name: 'Avery Admin' };

export const DEMO_BUYER_WORKSPACES = [
  {
    name: 'Acme Growth',
    members: [
      { email: 'owner@acme-growth.test', name: 'Olivia Owner', role: 'OWNER', label: 'buyer owner' },
      { email: 'member@acme-growth.test', name: 'Marco Member', role: 'MEMBER', label: 'buyer member' },
    ],
  },
  { name: 'Northwind Sales', members: [{ email: 'owner@northwind.test', name: 'Nora North', role: 'OWNER', label: null }] },
] as const;

export const DEMO_PARTNER_ORGS = [
  {
    name: 'LeadSource Data',
    website: 'https://leadsource.test',
    owner: { email: 'owner@leadsource.test', name: 'Paula Partner', label: 'partner owner' },
  },
  {
    name: 'Prospect Forge',
    website: 'https://prospectforge.test',
    owner: { email: 'owner@prospectforge.test', name: 'Felix Forge', label: null },
  },
  { name: 'DataHarbor', website: 'https://dataharbor.test', owner: { email: 'owner@dataharbor.test', name: 'Hana Harbor', label: null } },
] as const;

export const DEMO_PROVIDER_WORKSPACES = [
  {
    name: 'Bright Plumbing Co',
    members: [
      { email: 'manager@brightplumbing.test', name: 'Maya Manager', role: 'OWNER', label: 'provider manager' },
      { email: 'sales@brightplumbing.test', name: 'Sam Sales', role: 'MEMBER', label: 'provider sales user' },
    ],
  },
  { name: 'SunPeak Solar', members: [{ email: 'manager@sunpeak.test', name: 'Sunny Peak', role: 'OWNER', label: null }] },
  { name: 'Summit Roofing', members: [{ email: 'manager@summitroofing.test', name: 'Rory Summit', role: 'OWNER', label: null }] },
] as const;

export const DEMO_END_USERS = [
  { email: 'jamie@example.test', name: 'Jamie Consumer', label: 'end user' },
  { email: 'alex@example.test', name: 'Alex Homeowner', label: null },
] as const;
