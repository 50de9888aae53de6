// Deterministic demo inventory: realistic B2B leads spread over industries, regions, company sizes
// and seniorities, scored and priced with the domain formulas. Same seed, same rows, every time.
import { Faker, en } from '@faker-js/faker';
import { companySizeBand, freshnessScore, intentScore, listPrice, seniorityFromTitle, type EmailVerification } from '@hotlead/domain';
import type { Prisma } from '@hotlead/prisma';
import { B2B_LAWFUL_BASIS, PARTNER_LEAD_SOURCE } from '../modules/leads/leads.constants.js';

type Place = readonly [state: string, cities: readonly string[], areaCode: string];

const REGIONS: Record<'US' | 'CA' | 'GB' | 'DE' | 'AU', { dial: string; weight: number; places: readonly Place[] }> = {
  US: {
    dial: '+1',
    weight: 60,
    places: [
      ['CA', ['San Francisco', 'Los Angeles', 'San Diego', 'San Jose'], '415'],
      ['NY', ['New York', 'Buffalo', 'Rochester'], '212'],
      ['TX', ['Austin', 'Dallas', 'Houston', 'San Antonio'], '512'],
      ['FL', ['Miami', 'Orlando', 'Tampa'], '305'],
      ['IL', ['Chicago', 'Naperville'], '312'],
      ['WA', ['Seattle', 'Spokane', 'Bellevue'], '206'],
      ['MA', ['Boston', 'Cambridge'], '617'],
      ['CO', ['Denver', 'Boulder'], '303'],
      ['GA', ['Atlanta', 'Savannah'], '404'],
      ['AZ', ['Phoenix', 'Tucson'], '602'],
    ],
  },
  CA: {
    dial: '+1',
    weight: 10,
    places: [
      ['ON', ['Toronto', 'Ottawa'], '416'],
      ['BC', ['Vancouver', 'Victoria'], '604'],
      ['QC', ['Montreal'], '514'],
    ],
  },
  GB: {
    dial: '+44',
    weight: 12,
    places: [
      ['England', ['London', 'Manchester', 'Bristol'], '20'],
      ['Scotland', ['Edinburgh', 'Glasgow'], '131'],
    ],
  },
  DE: {
    dial: '+49',
    weight: 8,
    places: [
      ['Bavaria', ['Munich', 'Nuremberg'], '89'],
      ['Berlin', ['Berlin'], '30'],
      ['Hamburg', ['Hamburg'], '40'],
    ],
  },
  AU: {
    dial: '+61',
    weight: 10,
    places: [
      ['NSW', ['Sydney', 'Newcastle'], '2'],
      ['VIC', ['Melbourne', 'Geelong'], '3'],
    ],
  },
};

const TITLES = [
  'Chief Executive Officer',
  'Chief Technology Officer',
  'Chief Marketing Officer',
  'Founder',
  'VP of Sales',
  'VP Marketing',
  'Head of Growth',
  'Director of Operations',
  'Sales Director',
  'IT Director',
  'Marketing Manager',
  'Account Manager',
  'Operations Manager',
  'Procurement Manager',
  'Senior Software Engineer',
  'Senior Account Executive',
  'Sales Associate',
  'Marketing Coordinator',
  'Business Analyst',
  'Office Administrator',
];

const SIZE_BANDS: [number, number, number][] = [
  [1, 10, 20],
  [11, 50, 25],
  [51, 200, 22],
  [201, 500, 14],
  [501, 1000, 9],
  [1001, 5000, 7],
  [5001, 50000, 3],
];

const VERIFICATION: { value: EmailVerification; weight: number }[] = [
  { value: 'VALID', weight: 70 },
  { value: 'CATCH_ALL', weight: 12 },
  { value: 'RISKY', weight: 5 },
  { value: 'UNKNOWN', weight: 5 },
  { value: 'INVALID', weight: 3 },
  { value: 'PENDING', weight: 5 },
];

function ascii(value: string): string {
  return value.normalize('NFKD').replace(/[^\w]/g, '').toLowerCase();
}

export function generateDemoLeads(options: {
  count: number;
  industryIds: string[];
  partnerOrgIds: string[];
  now: Date;
  seed?: number;
}): Prisma.LeadCreateManyInput[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 20261121);
  const countries = Object.entries(REGIONS).map(([code, r]) => ({ value: code as keyof typeof REGIONS, weight: r.weight }));
  const emails = new Set<string>();
  const leads: Prisma.LeadCreateManyInput[] = [];

  for (let i = 0; i < options.count; i++) {
    const country = faker.helpers.weightedArrayElement(countries);
    const region = REGIONS[country];
    const [state, cities, area] = faker.helpers.arrayElement(region.places);
    const city = faker.helpers.arrayElement(cities);
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const companyName = faker.company.name();
    const companyDomain = `${ascii(companyName).slice(0, 24) || 'company'}.com`;
    const jobTitle = faker.helpers.arrayElement(TITLES);
    const [low, high] = faker.helpers.weightedArrayElement(SIZE_BANDS.map(([lo, hi, weight]) => ({ value: [lo, hi] as const, weight })));
    const employees = faker.number.int({ min: low, max: high });

    const mailbox = faker.helpers.weightedArrayElement([
      { value: 'work', weight: 87 },
      { value: 'role', weight: 5 },
      { value: 'free', weight: 8 },
    ]);
    let email =
      mailbox === 'role'
        ? `${faker.helpers.arrayElement(['info', 'sales', 'contact', 'hello'])}@${companyDomain}`
        : mailbox === 'free'
          ? `${ascii(firstName)}.${ascii(lastName)}@${faker.helpers.arrayElement(['gmail.com', 'outlook.com', 'yahoo.com'])}`
          : `${ascii(firstName)}.${ascii(lastName)}@${companyDomain}`;
    for (let n = 2; emails.has(email); n++) email = email.replace(/^([^@]*?)(\d*)@/, `$1${n}@`);
    emails.add(email);

    // Unique, well-formed E.164 numbers derived from the row index.
    const phone = faker.number.int({ min: 1, max: 100 }) <= 80 ? `${region.dial}${area}${String(2_000_000 + i).padStart(7, '0')}` : null;
    const ageDays = faker.number.int({ min: 0, max: 120 });
    const collectedAt = new Date(options.now.getTime() - ageDays * 86_400_000 - faker.number.int({ min: 0, max: 86_399_999 }));
    const verification = faker.helpers.weightedArrayElement(VERIFICATION);
    const seniority = seniorityFromTitle(jobTitle);
    const partnerOwned = options.partnerOrgIds.length > 0 && faker.number.int({ min: 1, max: 100 }) <= 30;
    const scored = {
      firstName,
      lastName,
      email,
      phone,
      jobTitle,
      seniority,
      companyName,
      companyDomain,
      companyEmployeeCount: employees,
      city,
      country,
    };
    const intent = intentScore(scored);
    const freshness = freshnessScore(ageDays);

    leads.push({
      ownerKind: partnerOwned ? 'PARTNER' : 'PLATFORM',
      partnerOrgId: partnerOwned ? faker.helpers.arrayElement(options.partnerOrgIds) : null,
      firstName,
      lastName,
      email,
      phone,
      jobTitle,
      seniority,
      linkedinUrl:
        faker.number.int({ min: 1, max: 100 }) <= 60 ? `https://www.linkedin.com/in/${ascii(firstName)}-${ascii(lastName)}-${i}` : null,
      companyName,
      companyDomain,
      companyEmployeeCount: employees,
      companySize: companySizeBand(employees),
      industryId: faker.helpers.arrayElement(options.industryIds),
      country,
      state,
      city,
      postalCode: country === 'US' ? faker.location.zipCode('#####') : null,
      source: partnerOwned ? PARTNER_LEAD_SOURCE : 'Hotlead research (public business directories)',
      collectedAt,
      lawfulBasis: B2B_LAWFUL_BASIS,
      verificationStatus: verification,
      verifiedAt: verification === 'PENDING' ? null : collectedAt,
      intentScore: intent,
      freshnessScore: freshness,
      listPrice: listPrice({ intentScore: intent, freshnessScore: freshness, hasPhone: phone !== null, verification }),
      status: verification === 'INVALID' ? 'DELISTED' : 'LISTED',
      createdAt: collectedAt,
    });
  }
  return leads;
}
