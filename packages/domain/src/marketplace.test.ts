import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, purchasePrice } from './marketplace.js';

describe('purchase price', () => {
  it.each([
    ['0.2175', false, '0.2175'],
    ['0.2175', true, '1.0875'],
    ['0.0500', true, '0.25'],
  ])('%s exclusive=%s → %s', (list, exclusive, expected) => {
    expect(Number(purchasePrice(list, exclusive))).toBe(Number(expected));
  });
});

describe('masking contact details before purchase', () => {
  it.each([
    ['jane.doe@acme.com', 'j***@acme.com'],
    ['a@b.io', 'a***@b.io'],
    ['broken', '***'],
    [null, null],
  ])('email %s → %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['+14155552671', '+1 ***-***-2671'],
    ['+442079460958', '+44 ***-***-0958'],
    ['+4930901820', '+49 ***-***-1820'],
    [null, null],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});
