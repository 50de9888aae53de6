// Constants of partner-contributed leads, in a file without dependencies so the seed can use them.

/** What buyers see as the source of a partner-contributed lead (never the partner's identity). */
export const PARTNER_LEAD_SOURCE = 'Partner-contributed list';
/** The lawful basis every B2B lead is offered under; partners confirm it at upload. */
export const B2B_LAWFUL_BASIS = 'Legitimate interest (B2B outreach), GDPR Art. 6(1)(f); opt-out honoured';
