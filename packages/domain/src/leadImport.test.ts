import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import {
  LEAD_FIELDS,
  LEAD_FIELD_LABELS,
  REJECT_CODE_LABELS,
  autoMapColumns,
  detectDelimiter,
  headerKey,
  mappingProblems,
  normalizeRow,
  sniffEncoding,
  sniffFileKind,
  type FileKind,
  type LeadField,
  type NormalizeOptions,
  type NormalizedLead,
  type RejectCode,
  type TextEncodingName,
} from './leadImport.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const OPTIONS: NormalizeOptions = { defaultCountry: 'US', now: NOW };
const ALL_FIELDS: LeadField[] = [...LEAD_FIELDS];
const BASE: Partial<Record<LeadField, string>> = { email: 'mary@acme.com', firstName: 'Mary', lastName: 'Smith', companyName: 'Acme' };

/** A record with one column per field (LEAD_FIELDS order): the base lead with `fields` overriding it. */
function record(fields: Partial<Record<LeadField, string>>): string[] {
  const merged = { ...BASE, ...fields };
  return ALL_FIELDS.map((field) => merged[field] ?? '');
}

function normalize(fields: Partial<Record<LeadField, string>>, options: Partial<NormalizeOptions> = {}) {
  return normalizeRow(record(fields), ALL_FIELDS, { ...OPTIONS, ...options });
}

function lead(fields: Partial<Record<LeadField, string>>, options: Partial<NormalizeOptions> = {}): NormalizedLead {
  const result = normalize(fields, options);
  if (!result.ok) throw new Error(`expected a lead, got ${result.code}: ${result.message}`);
  return result.lead;
}

describe('headerKey', () => {
  it.each([
    ['E-mail', 'email'],
    ['Phone #', 'phone'],
    ['Work Email', 'workemail'],
    ['  First_Name ', 'firstname'],
    ['Téléphone', 'telephone'],
    ['Straße', 'strae'],
    ['# Employees', 'employees'],
    ['ZIP/Postal Code', 'zippostalcode'],
    ['', ''],
  ])('%j → %j', (header, key) => {
    expect(headerKey(header)).toBe(key);
  });
});

describe('autoMapColumns', () => {
  const synonyms: [string, LeadField][] = [
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['Work Email', 'email'],
    ['Business Email', 'email'],
    ['EMAIL', 'email'],
    ['Phone #', 'phone'],
    ['Phone Number', 'phone'],
    ['Mobile', 'phone'],
    ['Direct Dial', 'phone'],
    ['Tel', 'phone'],
    ['First Name', 'firstName'],
    ['Given name', 'firstName'],
    ['fname', 'firstName'],
    ['Surname', 'lastName'],
    ['Last Name', 'lastName'],
    ['lname', 'lastName'],
    ['Name', 'fullName'],
    ['Full Name', 'fullName'],
    ['Contact Name', 'fullName'],
    ['Title', 'jobTitle'],
    ['Job Title', 'jobTitle'],
    ['Position', 'jobTitle'],
    ['Role', 'jobTitle'],
    ['Company', 'companyName'],
    ['Company Name', 'companyName'],
    ['Organization', 'companyName'],
    ['Organisation', 'companyName'],
    ['Account Name', 'companyName'],
    ['Website', 'companyWebsite'],
    ['Company Website', 'companyWebsite'],
    ['Domain', 'companyWebsite'],
    ['URL', 'companyWebsite'],
    ['Employees', 'companyEmployeeCount'],
    ['Employee Count', 'companyEmployeeCount'],
    ['Company Size', 'companyEmployeeCount'],
    ['# Employees', 'companyEmployeeCount'],
    ['Headcount', 'companyEmployeeCount'],
    ['LinkedIn', 'linkedinUrl'],
    ['LinkedIn URL', 'linkedinUrl'],
    ['LinkedIn Profile', 'linkedinUrl'],
    ['Country', 'country'],
    ['Country Code', 'country'],
    ['State', 'state'],
    ['Province', 'state'],
    ['Region', 'state'],
    ['City', 'city'],
    ['Town', 'city'],
    ['Zip', 'postalCode'],
    ['Zip Code', 'postalCode'],
    ['Postal Code', 'postalCode'],
    ['Postcode', 'postalCode'],
    ['Date Collected', 'collectedAt'],
    ['Collected At', 'collectedAt'],
    ['Created', 'collectedAt'],
  ];
  it.each(synonyms)('%j → %s', (header, field) => {
    expect(autoMapColumns([header])).toEqual([field]);
  });

  it('leaves unknown columns unmapped', () => {
    expect(autoMapColumns(['Notes', 'Email', 'Lead score', ''])).toEqual([null, 'email', null, null]);
  });

  it('maps a field once: the first column wins', () => {
    expect(autoMapColumns(['Work Email', 'Personal Email', 'E-mail', 'Phone', 'Mobile'])).toEqual(['email', null, null, 'phone', null]);
  });

  it('maps a typical export', () => {
    expect(autoMapColumns(['First Name', 'Last Name', 'Title', 'Company', 'Email', 'Phone', 'Country'])).toEqual([
      'firstName',
      'lastName',
      'jobTitle',
      'companyName',
      'email',
      'phone',
      'country',
    ]);
  });

  const savedCases: { name: string; headers: string[]; saved: [string, LeadField | null][]; expected: (LeadField | null)[] }[] = [
    {
      name: 'a saved field for an unknown header',
      headers: ['Email', 'Org Display'],
      saved: [['orgdisplay', 'companyName']],
      expected: ['email', 'companyName'],
    },
    {
      name: 'a saved field overrides the synonym',
      headers: ['Email', 'Title'],
      saved: [['title', 'fullName']],
      expected: ['email', 'fullName'],
    },
    {
      name: 'a saved null ignores a column the synonyms would map',
      headers: ['Email', 'Phone', 'Mobile'],
      saved: [['phone', null]],
      expected: ['email', null, 'phone'],
    },
    {
      name: 'a saved field wins over an earlier synonym column',
      headers: ['Email', 'Email 2'],
      saved: [['email2', 'email']],
      expected: [null, 'email'],
    },
    {
      name: 'saved keys are header keys (case and punctuation do not matter)',
      headers: ['E-MAIL (work)'],
      saved: [['emailwork', 'email']],
      expected: ['email'],
    },
    {
      name: 'two columns saved to one field: the first wins',
      headers: ['A', 'B'],
      saved: [
        ['a', 'city'],
        ['b', 'city'],
      ],
      expected: ['city', null],
    },
  ];
  it.each(savedCases)('saved mapping: $name', ({ headers, saved, expected }) => {
    expect(autoMapColumns(headers, new Map(saved))).toEqual(expected);
  });
});

describe('mappingProblems', () => {
  const cases: { name: string; mapping: (LeadField | null)[]; problems: RegExp[] }[] = [
    { name: 'first and last name', mapping: ['email', 'firstName', 'lastName', 'companyName', null], problems: [] },
    { name: 'full name', mapping: ['fullName', 'email', 'companyName'], problems: [] },
    { name: 'full name besides first and last', mapping: ['fullName', 'firstName', 'lastName', 'email', 'companyName'], problems: [] },
    { name: 'no email', mapping: ['fullName', 'companyName'], problems: [/Email/] },
    { name: 'first name only', mapping: ['email', 'firstName', 'companyName'], problems: [/First name and Last name/] },
    { name: 'last name only', mapping: ['email', 'lastName', 'companyName'], problems: [/First name and Last name/] },
    { name: 'no company', mapping: ['email', 'fullName'], problems: [/Company/] },
    { name: 'nothing mapped', mapping: [null, null], problems: [/Email/, /name/, /Company/] },
    { name: 'a field twice', mapping: ['email', 'fullName', 'companyName', 'email'], problems: [/Email is mapped to 2 columns/] },
    {
      name: 'two fields twice',
      mapping: ['email', 'fullName', 'companyName', 'phone', 'phone', 'city', 'city', 'city'],
      problems: [/Phone is mapped to 2 columns/, /City is mapped to 3 columns/],
    },
  ];
  it.each(cases)('$name', ({ mapping, problems }) => {
    const actual = mappingProblems(mapping);
    expect(actual).toHaveLength(problems.length);
    problems.forEach((pattern, i) => expect(actual[i]).toMatch(pattern));
  });
});

describe('normalizeRow', () => {
  it('normalizes a complete row', () => {
    const result = normalizeRow(
      [
        '  Mary.Smith@Acme.COM ',
        '+1 (415) 555-2671',
        ' Mary  Ann ',
        'Smith',
        '',
        'VP of  Sales',
        ' Acme   Inc ',
        'https://www.Acme.com/about',
        '1,200',
        'linkedin.com/in/mary-smith',
        'us',
        'CA',
        'San Francisco',
        '94105',
        '2026-03-01',
      ],
      ALL_FIELDS,
      OPTIONS,
    );
    expect(result).toEqual({
      ok: true,
      lead: {
        email: 'mary.smith@acme.com',
        phone: '+14155552671',
        firstName: 'Mary Ann',
        lastName: 'Smith',
        jobTitle: 'VP of Sales',
        seniority: 'VP',
        companyName: 'Acme Inc',
        companyDomain: 'acme.com',
        companyEmployeeCount: 1200,
        companySize: 'S_1001_5000',
        linkedinUrl: 'https://linkedin.com/in/mary-smith',
        country: 'US',
        state: 'CA',
        city: 'San Francisco',
        postalCode: '94105',
        collectedAt: new Date('2026-03-01T00:00:00Z'),
      },
    });
  });

  it('fills the optional fields with null and the country with the default', () => {
    expect(lead({})).toEqual({
      email: 'mary@acme.com',
      phone: null,
      firstName: 'Mary',
      lastName: 'Smith',
      jobTitle: null,
      seniority: 'UNKNOWN',
      companyName: 'Acme',
      companyDomain: 'acme.com',
      companyEmployeeCount: null,
      companySize: null,
      linkedinUrl: null,
      country: 'US',
      state: null,
      city: null,
      postalCode: null,
      collectedAt: null,
    });
  });

  it('reads only the mapped columns, in any order', () => {
    const result = normalizeRow(
      ['x', 'Acme', 'Bob Jones', 'BOB@acme.io', 'ignored'],
      [null, 'companyName', 'fullName', 'email', null],
      OPTIONS,
    );
    expect(result.ok && result.lead).toMatchObject({
      email: 'bob@acme.io',
      firstName: 'Bob',
      lastName: 'Jones',
      companyName: 'Acme',
      country: 'US',
    });
  });

  describe('names', () => {
    const cases: { name: string; fields: Partial<Record<LeadField, string>>; first: string; last: string }[] = [
      {
        name: 'first and last, trimmed and collapsed',
        fields: { firstName: '  Mary \t Ann ', lastName: ' van  der Berg ' },
        first: 'Mary Ann',
        last: 'van der Berg',
      },
      {
        name: 'full name split on the last space',
        fields: { firstName: '', lastName: '', fullName: 'Mary Ann Smith' },
        first: 'Mary Ann',
        last: 'Smith',
      },
      { name: 'two-word full name', fields: { firstName: '', lastName: '', fullName: ' Bob   Jones ' }, first: 'Bob', last: 'Jones' },
      { name: '"Last, First"', fields: { firstName: '', lastName: '', fullName: 'Smith, Mary Ann' }, first: 'Mary Ann', last: 'Smith' },
      {
        name: 'a suffix stays with the last name',
        fields: { firstName: '', lastName: '', fullName: 'John Smith, Jr.' },
        first: 'John',
        last: 'Smith, Jr.',
      },
      { name: 'full name when the last name is empty', fields: { lastName: '', fullName: 'Mary Smith' }, first: 'Mary', last: 'Smith' },
      { name: 'first and last win over full name', fields: { fullName: 'Someone Else' }, first: 'Mary', last: 'Smith' },
    ];
    it.each(cases)('$name', ({ fields, first, last }) => {
      expect(lead(fields)).toMatchObject({ firstName: first, lastName: last });
    });
  });

  describe('company domain', () => {
    const cases: { website?: string; email?: string; domain: string | null }[] = [
      { website: 'https://www.Acme.com/about', domain: 'acme.com' },
      { website: 'acme.co.uk', domain: 'acme.co.uk' },
      { website: 'http://sales.acme.com:8080/x?y=1#z', domain: 'sales.acme.com' },
      { website: 'WWW.ACME.COM.', domain: 'acme.com' },
      { website: '', email: 'bob@acme.io', domain: 'acme.io' },
      { website: '', email: 'bob@gmail.com', domain: null },
      { website: 'gmail.com', email: 'bob@gmail.com', domain: null },
      { website: 'gmail.com', email: 'bob@acme.io', domain: 'acme.io' },
      { website: 'n/a', email: 'bob@acme.io', domain: 'acme.io' },
    ];
    it.each(cases)('website $website, email $email → $domain', ({ website, email, domain }) => {
      expect(lead({ companyWebsite: website ?? '', email: email ?? 'mary@acme.com' }).companyDomain).toBe(domain);
    });
  });

  describe('employee count', () => {
    const cases: [string, number | null, string | null][] = [
      ['1200', 1200, 'S_1001_5000'],
      ['1,200', 1200, 'S_1001_5000'],
      ['51-200', 51, 'S_51_200'],
      ['51 - 200', 51, 'S_51_200'],
      ['1,001–5,000', 1001, 'S_1001_5000'],
      ['11 to 50', 11, 'S_11_50'],
      ['500+', 500, 'S_201_500'],
      ['10,000+', 10000, 'S_5001_PLUS'],
      ['1', 1, 'S_1_10'],
      ['', null, null],
    ];
    it.each(cases)('%j → %j', (value, count, band) => {
      expect(lead({ companyEmployeeCount: value })).toMatchObject({ companyEmployeeCount: count, companySize: band });
    });
  });

  describe('country', () => {
    const cases: [string, string][] = [
      ['us', 'US'],
      ['GB', 'GB'],
      [' de ', 'DE'],
      ['USA', 'US'],
      ['GBR', 'GB'],
      ['DEU', 'DE'],
      ['United States', 'US'],
      ['united kingdom', 'GB'],
      ['Germany', 'DE'],
      ['UK', 'GB'],
      ['U.S.', 'US'],
      ['U.S.A.', 'US'],
      ['America', 'US'],
      ['Côte d’Ivoire', 'CI'],
      ['Cote d’Ivoire', 'CI'],
      ['South Korea', 'KR'],
      ['Myanmar', 'MM'],
      ['Bosnia and Herzegovina', 'BA'],
      ['Deutschland', 'DE'],
      ['NA', 'NA'],
      ['', 'US'],
      ['N/A', 'US'],
    ];
    it.each(cases)('%j → %s', (value, code) => {
      expect(lead({ country: value }).country).toBe(code);
    });

    it('uses the default country for an empty value', () => {
      expect(lead({ country: '' }, { defaultCountry: 'gb' }).country).toBe('GB');
      expect(lead({ country: '' }, { defaultCountry: 'Canada' }).country).toBe('CA');
    });
  });

  describe('phone', () => {
    const cases: { value: string; country?: string; phone: string | null }[] = [
      { value: '+1 (415) 555-2671', phone: '+14155552671' },
      { value: '415.555.2671', phone: '+14155552671' },
      { value: '(415) 555-2671', phone: '+14155552671' },
      { value: '4155552671', phone: '+14155552671' },
      { value: '1-415-555-2671', phone: '+14155552671' },
      { value: '+1 415 555 2671 ext. 123', phone: '+14155552671' },
      { value: '+44 20 7946 0958', phone: '+442079460958' },
      { value: '020 7946 0958', country: 'GB', phone: '+442079460958' },
      { value: '+44 (0)20 7946 0958', phone: '+442079460958' },
      { value: '030 901820', country: 'DE', phone: '+4930901820' },
      { value: '(604) 555-0199', country: 'CA', phone: '+16045550199' },
      { value: '+1 604 555 0199', country: 'GB', phone: '+16045550199' },
      { value: '', phone: null },
      { value: '-', phone: null },
    ];
    it.each(cases)('$value in $country → $phone', ({ value, country, phone }) => {
      expect(lead({ phone: value, country: country ?? 'US' }).phone).toBe(phone);
    });

    // Plain formats take a fast path that must decide exactly as libphonenumber-js does.
    function expectSameAsLibrary(value: string, country: CountryCode): string | null {
      const parsed = parsePhoneNumberFromString(value, country);
      const expected = parsed?.isValid() ? parsed.number : null;
      const result = normalize({ phone: value, country });
      if (!result.ok) expect(result.code).toBe('INVALID_PHONE');
      const actual = result.ok ? result.lead.phone : null;
      if (actual !== expected) expect({ value, country, phone: actual }).toEqual({ value, country, phone: expected });
      return expected;
    }
    function randomGenerator(seed: number) {
      return () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
    }

    it('decides North American numbers exactly as libphonenumber-js', () => {
      const random = randomGenerator(20260601);
      const countries: CountryCode[] = ['US', 'CA', 'PR', 'JM', 'BS', 'GU', 'VI', 'DO', 'AG', 'SX', 'TC', 'GB'];
      const formats = [
        (n: string) => `+1 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
        (n: string) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
        (n: string) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
        (n: string) => n,
        (n: string) => `+1${n}`,
        (n: string) => `1 ${n}`,
        (n: string) => n.slice(0, 7),
      ];
      let valid = 0;
      for (let i = 0; i < 6_000; i++) {
        let digits = String(random() < 0.95 ? 2 + Math.floor(random() * 8) : Math.floor(random() * 2));
        for (let k = 1; k < 10; k++) digits += Math.floor(random() * 10);
        const country = countries[Math.floor(random() * countries.length)] ?? 'US';
        const format = formats[Math.floor(random() * formats.length)] ?? String;
        if (expectSameAsLibrary(format(digits), country)) valid++;
      }
      expect(valid).toBeGreaterThan(1_500);
    });

    it('decides numbers of every country exactly as libphonenumber-js', () => {
      const random = randomGenerator(777);
      const countries = getCountries();
      let valid = 0;
      for (let i = 0; i < 6_000; i++) {
        const country = countries[Math.floor(random() * countries.length)] ?? 'US';
        // An example number with random trailing digits, sometimes a digit shorter or longer.
        const example = String(getExampleNumber(country, examples)?.nationalNumber ?? '2015550123');
        const keep = example.length - Math.floor(random() * example.length);
        let digits = example.slice(0, keep);
        while (digits.length < example.length) digits += Math.floor(random() * 10);
        const lengthChange = random();
        if (lengthChange < 0.1) digits = digits.slice(0, -1);
        else if (lengthChange < 0.2) digits += Math.floor(random() * 10);
        const callingCode = getCountryCallingCode(country);
        const spaced = digits.replace(/(\d{3})(?=\d)/g, random() < 0.5 ? '$1 ' : '$1-');
        const formats = [
          `+${callingCode} ${spaced}`,
          `+${callingCode}${digits}`,
          spaced,
          `0${digits}`,
          `(${digits.slice(0, 3)}) ${digits.slice(3)}`,
          `+${callingCode} (0)${digits}`,
          `00${callingCode}${digits}`,
          `${callingCode}${digits}`,
        ];
        const value = formats[Math.floor(random() * formats.length)] ?? spaced;
        const readIn = random() < 0.7 ? country : (countries[Math.floor(random() * countries.length)] ?? 'US');
        if (expectSameAsLibrary(value, readIn)) valid++;
      }
      expect(valid).toBeGreaterThan(2_000);
    });
  });

  describe('LinkedIn URL', () => {
    const cases: [string, string | null][] = [
      ['https://www.linkedin.com/in/mary-smith', 'https://www.linkedin.com/in/mary-smith'],
      ['linkedin.com/in/mary-smith', 'https://linkedin.com/in/mary-smith'],
      ['HTTP://UK.LinkedIn.com/in/Mary', 'http://uk.linkedin.com/in/Mary'],
      ['', null],
    ];
    it.each(cases)('%j → %j', (value, url) => {
      expect(lead({ linkedinUrl: value }).linkedinUrl).toBe(url);
    });
  });

  describe('collected at', () => {
    const cases: [string, string | null][] = [
      ['2026-03-01', '2026-03-01T00:00:00.000Z'],
      ['2026-03-01T10:15:30Z', '2026-03-01T10:15:30.000Z'],
      ['2026-03-01T10:15:30.25+02:00', '2026-03-01T08:15:30.250Z'],
      ['2026-03-01T10:15:30.123456Z', '2026-03-01T10:15:30.123Z'],
      ['2026-03-01 10:00', '2026-03-01T10:00:00.000Z'],
      ['2026-03-01 10:00:59', '2026-03-01T10:00:59.000Z'],
      ['2026/3/1', '2026-03-01T00:00:00.000Z'],
      ['03/01/2026', '2026-03-01T00:00:00.000Z'],
      ['3/1/2026 10:00', '2026-03-01T10:00:00.000Z'],
      ['3/1/2026 2:05 PM', '2026-03-01T14:05:00.000Z'],
      ['3/1/2026 12:00 am', '2026-03-01T00:00:00.000Z'],
      ['25/12/2025', '2025-12-25T00:00:00.000Z'],
      ['01.03.2026', '2026-03-01T00:00:00.000Z'],
      ['2024-02-29', '2024-02-29T00:00:00.000Z'],
      ['2026-06-01T12:00:00Z', '2026-06-01T12:00:00.000Z'],
      // Zone-less times are read as UTC; up to 14 hours ahead (a partner east of UTC) is "now".
      ['2026-06-02', '2026-06-01T12:00:00.000Z'],
      ['', null],
    ];
    it.each(cases)('%j → %j', (value, iso) => {
      expect(lead({ collectedAt: value }).collectedAt?.toISOString() ?? null).toBe(iso);
    });
  });

  it('keeps a dropped leading zero out of US ZIP codes', () => {
    expect(lead({ postalCode: '2134', country: 'US' }).postalCode).toBe('02134');
    expect(lead({ postalCode: '2134', country: 'AU' }).postalCode).toBe('2134');
    expect(lead({ postalCode: 'SW1A 1AA', country: 'GB' }).postalCode).toBe('SW1A 1AA');
  });

  describe('rejects', () => {
    const long = 'x'.repeat(501);
    const cases: { code: RejectCode; fields: Partial<Record<LeadField, string>>; message: RegExp }[] = [
      { code: 'INVALID_ENCODING', fields: { city: 'Z\uFFFDrich' }, message: /^City "Z\uFFFDrich" contains unreadable characters/ },
      { code: 'FIELD_TOO_LONG', fields: { jobTitle: long }, message: /^Job title is 501 characters long/ },
      { code: 'MISSING_EMAIL', fields: { email: '  ' }, message: /^Email is empty\.$/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob@@x' }, message: /^Email "bob@@x" is not a valid address\.$/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob smith@acme.com' }, message: /not a valid address/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob@acme' }, message: /not a valid address/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob@acme.c' }, message: /not a valid address/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob@-acme.com' }, message: /not a valid address/ },
      { code: 'INVALID_EMAIL', fields: { email: 'bob..x@acme.com' }, message: /not a valid address/ },
      { code: 'INVALID_EMAIL', fields: { email: `${'a'.repeat(65)}@acme.com` }, message: /not a valid address/ },
      {
        code: 'INVALID_EMAIL',
        fields: { email: `bob@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` },
        message: /not a valid address/,
      },
      { code: 'INVALID_PHONE', fields: { phone: '555-1234' }, message: /^Phone "555-1234" is not a valid phone number in US\.$/ },
      {
        code: 'INVALID_PHONE',
        fields: { phone: '+1 (123) 555-2671' },
        message: /^Phone "\+1 \(123\) 555-2671" is not a valid phone number\.$/,
      },
      { code: 'INVALID_PHONE', fields: { phone: 'call me' }, message: /not a valid phone number/ },
      { code: 'INVALID_PHONE', fields: { phone: '020 7946 0958' }, message: /in US/ },
      { code: 'MISSING_NAME', fields: { firstName: '', lastName: '' }, message: /^The name is empty\.$/ },
      { code: 'MISSING_NAME', fields: { lastName: '' }, message: /^Last name is empty\.$/ },
      { code: 'MISSING_NAME', fields: { firstName: '' }, message: /^First name is empty\.$/ },
      {
        code: 'MISSING_NAME',
        fields: { firstName: '', lastName: '', fullName: 'Madonna' },
        message: /^Full name "Madonna" needs a first and a last name\.$/,
      },
      { code: 'MISSING_COMPANY', fields: { companyName: ' ' }, message: /^Company is empty\.$/ },
      { code: 'MISSING_COMPANY', fields: { companyName: 'N/A' }, message: /^Company is empty\.$/ },
      { code: 'INVALID_COUNTRY', fields: { country: 'Narnia' }, message: /^Country "Narnia" is not a country we know\.$/ },
      { code: 'INVALID_COUNTRY', fields: { country: 'ZZ' }, message: /not a country we know/ },
      {
        code: 'INVALID_EMPLOYEE_COUNT',
        fields: { companyEmployeeCount: 'many' },
        message: /^Employees "many" is not a number of employees\.$/,
      },
      { code: 'INVALID_EMPLOYEE_COUNT', fields: { companyEmployeeCount: '0' }, message: /not a number of employees/ },
      { code: 'INVALID_EMPLOYEE_COUNT', fields: { companyEmployeeCount: '12.5' }, message: /not a number of employees/ },
      { code: 'INVALID_EMPLOYEE_COUNT', fields: { companyEmployeeCount: '200-51' }, message: /not a number of employees/ },
      { code: 'INVALID_EMPLOYEE_COUNT', fields: { companyEmployeeCount: '1,20' }, message: /not a number of employees/ },
      { code: 'INVALID_DATE', fields: { collectedAt: 'yesterday' }, message: /^Collected on "yesterday" is not a date\.$/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '2026-02-30' }, message: /is not a date/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '2025-02-29' }, message: /is not a date/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '13/13/2026' }, message: /is not a date/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '2026-03-01 25:00' }, message: /is not a date/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '3/1/26' }, message: /is not a date/ },
      {
        code: 'INVALID_DATE',
        fields: { collectedAt: '2026-06-01T12:00:01Z' },
        message: /^Collected on "2026-06-01T12:00:01Z" is in the future\.$/,
      },
      { code: 'INVALID_DATE', fields: { collectedAt: '2026-06-03' }, message: /is in the future/ },
      { code: 'INVALID_DATE', fields: { collectedAt: '2099-01-01' }, message: /is in the future/ },
      {
        code: 'INVALID_URL',
        fields: { linkedinUrl: 'https://facebook.com/mary' },
        message: /^LinkedIn URL "https:\/\/facebook.com\/mary" is not a linkedin.com address\.$/,
      },
      { code: 'INVALID_URL', fields: { linkedinUrl: 'https://linkedin.com.evil.io/in/mary' }, message: /not a linkedin.com address/ },
      { code: 'INVALID_URL', fields: { linkedinUrl: 'notlinkedin.com/in/mary' }, message: /not a linkedin.com address/ },
      { code: 'INVALID_URL', fields: { linkedinUrl: 'linkedin.com' }, message: /not a linkedin.com address/ },
      { code: 'INVALID_URL', fields: { companyWebsite: 'Acme Inc' }, message: /^Company website "Acme Inc" is not a web address\.$/ },
      { code: 'INVALID_URL', fields: { companyWebsite: 'http://localhost/' }, message: /is not a web address/ },
    ];
    it.each(cases)('$code: $fields', ({ code, fields, message }) => {
      const result = normalize(fields);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(code);
      expect(result.message).toMatch(message);
    });

    it.each([
      ['fewer fields than columns', ['mary@acme.com', 'Mary Smith', 'Acme'], 'The row has 3 fields but the header has 4 columns.'],
      [
        'more fields with content',
        ['mary@acme.com', 'Mary Smith', 'Acme', 'US', 'extra'],
        'The row has 5 fields but the header has 4 columns.',
      ],
    ])('COLUMN_COUNT: %s', (_name, values, message) => {
      expect(normalizeRow(values, ['email', 'fullName', 'companyName', 'country'], OPTIONS)).toEqual({
        ok: false,
        code: 'COLUMN_COUNT',
        message,
      });
    });

    it('accepts extra empty trailing fields', () => {
      expect(
        normalizeRow(['mary@acme.com', 'Mary Smith', 'Acme', 'US', '', ' '], ['email', 'fullName', 'companyName', 'country'], OPTIONS).ok,
      ).toBe(true);
    });

    it('checks the length and encoding of mapped columns only', () => {
      expect(
        normalizeRow(
          ['mary@acme.com', 'Mary Smith', 'Acme', 'x'.repeat(600), '\uFFFD'],
          ['email', 'fullName', 'companyName', null, null],
          OPTIONS,
        ).ok,
      ).toBe(true);
      expect(lead({ jobTitle: 'x'.repeat(500) }).jobTitle).toHaveLength(500);
    });

    it('reports the first problem, in field order', () => {
      const result = normalize({ email: 'bad', firstName: '', lastName: '', companyName: '', phone: 'x' });
      expect(!result.ok && result.code).toBe('INVALID_EMAIL');
    });

    it('shows at most 80 characters of a value', () => {
      const value = `${'a'.repeat(100)}@@x`;
      const result = normalize({ email: value });
      expect(result).toEqual({ ok: false, code: 'INVALID_EMAIL', message: `Email "${'a'.repeat(80)}…" is not a valid address.` });
    });

    it('has a label for every code', () => {
      for (const label of Object.values(REJECT_CODE_LABELS)) expect(label).toMatch(/^[A-Z]/);
      expect(Object.keys(REJECT_CODE_LABELS)).toHaveLength(12);
    });
  });

  it('gives every field a label', () => {
    expect(LEAD_FIELDS.map((field) => LEAD_FIELD_LABELS[field])).toEqual([
      'Email',
      'Phone',
      'First name',
      'Last name',
      'Full name',
      'Job title',
      'Company',
      'Company website',
      'Employees',
      'LinkedIn URL',
      'Country',
      'State / region',
      'City',
      'Postal code',
      'Collected on',
    ]);
  });

  it('is not fooled by a mapping changed in place', () => {
    const mapping: (LeadField | null)[] = ['email', 'fullName', 'companyName', 'city'];
    expect(normalizeRow(['a@acme.com', 'A B', 'Acme', 'Paris'], mapping, OPTIONS)).toMatchObject({ ok: true, lead: { city: 'Paris' } });
    mapping[3] = 'state';
    expect(normalizeRow(['a@acme.com', 'A B', 'Acme', 'Paris'], mapping, OPTIONS)).toMatchObject({
      ok: true,
      lead: { city: null, state: 'Paris' },
    });
  });
});

/** UTF-8 bytes of a string (no TextEncoder: the domain package is typed without DOM or Node globals). */
const utf8 = (text: string) =>
  [...text].flatMap((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) return [code];
    if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 0x3f)];
    if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
  });
const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? utf8(part) : part)));
const utf16 = (text: string, littleEndian: boolean) =>
  [...text].flatMap((ch) => {
    const code = ch.charCodeAt(0);
    return littleEndian ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff];
  });

describe('sniffFileKind', () => {
  const controls = new Uint8Array(100).fill(0x41);
  controls.fill(0x01, 0, 11);
  const fewControls = new Uint8Array(100).fill(0x41);
  fewControls.fill(0x1b, 0, 10);
  const cases: [string, Uint8Array, FileKind][] = [
    ['no bytes', bytes(), 'empty'],
    ['a UTF-8 BOM only', bytes([0xef, 0xbb, 0xbf]), 'empty'],
    ['a UTF-16 BOM only', bytes([0xff, 0xfe]), 'empty'],
    ['whitespace only', bytes(' \r\n\t\n'), 'empty'],
    ['UTF-16 LE whitespace', bytes([0xff, 0xfe], utf16(' \r\n', true)), 'empty'],
    ['a ZIP (xlsx)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'xlsx'],
    ['OLE2 (xls)', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'xls'],
    ['CSV text', bytes('email,name\r\nbob@acme.com,Bob\r\n'), 'text'],
    ['CSV with a UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], 'email,name\n'), 'text'],
    ['UTF-16 LE with BOM (has NULs)', bytes([0xff, 0xfe], utf16('email,name\n', true)), 'text'],
    ['UTF-16 BE with BOM (has NULs)', bytes([0xfe, 0xff], utf16('email,name\n', false)), 'text'],
    ['Latin-1 text', bytes('Caf', [0xe9], ',Z', [0xfc], 'rich\n'), 'text'],
    ['a NUL byte', bytes('email,name\n', [0], 'x'), 'binary'],
    ['UTF-16 without BOM', bytes(utf16('email,name\n', true)), 'binary'],
    ['11 % control characters', controls, 'binary'],
    ['10 % control characters', fewControls, 'text'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'binary'],
  ];
  it.each(cases)('%s → %s', (_name, head, kind) => {
    expect(sniffFileKind(head)).toBe(kind);
  });

  it('looks at the first 64 KB only', () => {
    const head = new Uint8Array(70_000).fill(0x61);
    head[66_000] = 0;
    expect(sniffFileKind(head)).toBe('text');
    head[1000] = 0;
    expect(sniffFileKind(head)).toBe('binary');
  });
});

describe('sniffEncoding', () => {
  const cases: [string, Uint8Array, TextEncodingName, number][] = [
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], 'a,b\n'), 'utf-8', 3],
    ['UTF-16 LE BOM', bytes([0xff, 0xfe], utf16('a,b\n', true)), 'utf-16le', 2],
    ['UTF-16 BE BOM', bytes([0xfe, 0xff], utf16('a,b\n', false)), 'utf-16be', 2],
    ['ASCII', bytes('email,name\n'), 'utf-8', 0],
    ['empty', bytes(), 'utf-8', 0],
    ['UTF-8 without BOM', bytes('Zürich,Café,日本,😀\n'), 'utf-8', 0],
    ['Latin-1 é (0xE9)', bytes('Caf', [0xe9], '\n'), 'windows-1252', 0],
    ['Windows-1252 curly quotes', bytes([0x93], 'Acme', [0x94], '\n'), 'windows-1252', 0],
    ['a 2-byte char cut at the end', bytes('Caf', [0xc3]), 'utf-8', 0],
    ['a 3-byte char cut at the end', bytes('x', [0xe6, 0x97]), 'utf-8', 0],
    ['a 4-byte char cut at the end', bytes('x', [0xf0, 0x9f, 0x98]), 'utf-8', 0],
    ['a cut char not at the end', bytes('Caf', [0xc3], 'x'), 'windows-1252', 0],
    ['an overlong encoding', bytes([0xc0, 0xaf]), 'windows-1252', 0],
    ['a UTF-16 surrogate in UTF-8', bytes([0xed, 0xa0, 0x80]), 'windows-1252', 0],
    ['beyond U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 'windows-1252', 0],
  ];
  it.each(cases)('%s → %s', (_name, head, encoding, bomLength) => {
    expect(sniffEncoding(head)).toEqual({ encoding, bomLength });
  });
});

describe('detectDelimiter', () => {
  const cases: [string, string, ',' | ';' | '\t' | '|'][] = [
    ['a comma file', 'email,name,company\nbob@acme.com,Bob,Acme\n', ','],
    ['a semicolon file', 'email;name;company\r\nbob@acme.com;Bob;Acme\r\nann@x.de;Ann;"X, GmbH"\r\n', ';'],
    ['semicolons with decimal commas', 'name;revenue;employees\nAcme;1,5;10\nBeta;2,25;20\n', ';'],
    ['a tab file', 'email\tname\tcompany\nbob@acme.com\tBob\tAcme, Inc\n', '\t'],
    ['a pipe file', 'email|name\nbob@acme.com|Bob\n', '|'],
    ['commas inside quotes', 'email;name\n"a,b,c";"d,e,f,g"\n"x";"y"\n', ';'],
    ['a quoted field with a line break', 'email,note\nbob@acme.com,"line one;\nline two;;"\nann@x.de,ok\n', ','],
    ['doubled quotes', 'a,b\n"say ""hi;""",x\n', ','],
    ['one column', 'email\nbob@acme.com\n', ','],
    ['empty', '', ','],
    ['a BOM and CRLF', '\uFEFFemail;name\r\nbob@acme.com;Bob\r\n', ';'],
    ['an unterminated last line', 'a;b;c\n1;2;3\n4;5', ';'],
    ['the most consistent wins over the most frequent', 'a;b;c,d\n1;2,3\n4;5,6\n', ','],
    ['the higher count wins a tie in consistency', 'a,b;c;d\n1,2;3;4\n', ';'],
  ];
  it.each(cases)('%s → %j', (_name, sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });
});
