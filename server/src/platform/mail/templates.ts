// The platform's transactional emails: plain text and HTML from one set of facts.

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function layout(title: string, paragraphs: string[], action: { label: string; url: string }): RenderedEmail & { subject: '' } {
  const text = [...paragraphs, '', `${action.label}: ${action.url}`, '', '— Hotlead'].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1b1e;max-width:560px;margin:auto">
<h2>${escapeHtml(title)}</h2>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#e8590c;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="color:#868e96;font-size:12px">If the button does not work, open this link: ${escapeHtml(action.url)}</p>
</body></html>`;
  return { subject: '', text, html };
}

export const templates = {
  purchaseConfirmation(data: { name: string; leadCount: number; credits: string; workspaceName: string; url: string }): RenderedEmail {
    const leads = `${data.leadCount.toLocaleString('en-US')} lead${data.leadCount === 1 ? '' : 's'}`;
    return {
      ...layout(
        'Your leads are ready',
        [
          `Hi ${data.name},`,
          `${data.workspaceName} bought ${leads} for ${data.credits} credits. The CSV can be downloaded from the purchase history for 90 days; re-downloads are free.`,
        ],
        { label: 'Open purchase history', url: data.url },
      ),
      subject: `Your ${leads} ${data.leadCount === 1 ? 'is' : 'are'} ready to download`,
    };
  },
  spendAlert(data: {
    name: string;
    memberName: string;
    percent: number;
    spent: string;
    limit: string;
    workspaceName: string;
    url: string;
  }): RenderedEmail {
    const reached = data.percent >= 100;
    return {
      ...layout(
        reached ? 'A monthly credit limit was reached' : `${data.percent}% of a monthly credit limit used`,
        [
          `Hi ${data.name},`,
          `${data.memberName} has spent ${data.spent} of a ${data.limit}-credit monthly limit in ${data.workspaceName} this month (${data.percent}%).` +
            (reached ? ' Further purchases are refused until next month or until an owner raises the limit.' : ''),
        ],
        { label: 'Review members and limits', url: data.url },
      ),
      subject: reached
        ? `${data.memberName} reached the monthly credit limit`
        : `${data.memberName} used ${data.percent}% of the monthly credit limit`,
    };
  },
  verifyEmail(data: { name: string; url: string }): RenderedEmail {
    return {
      ...layout(
        'Confirm your email address',
        [`Hi ${data.name},`, 'Please confirm that this is your email address. The link is valid for 24 hours.'],
        {
          label: 'Confirm email address',
          url: data.url,
        },
      ),
      subject: 'Confirm your email address',
    };
  },
  passwordReset(data: { name: string; url: string }): RenderedEmail {
    return {
      ...layout(
        'Reset your password',
        [
          `Hi ${data.name},`,
          'Someone asked to reset the password of your Hotlead account. The link works once and expires in 1 hour. If it was not you, ignore this email: your password stays as it is.',
        ],
        { label: 'Choose a new password', url: data.url },
      ),
      subject: 'Reset your Hotlead password',
    };
  },
  invitation(data: { inviterName: string; targetName: string; role: string; url: string }): RenderedEmail {
    return {
      ...layout(
        `Join ${data.targetName} on Hotlead`,
        [`${data.inviterName} invited you to join ${data.targetName} as ${data.role.toLowerCase()}. The invitation expires in 7 days.`],
        { label: 'Accept invitation', url: data.url },
      ),
      subject: `${data.inviterName} invited you to ${data.targetName} on Hotlead`,
    };
  },
  payoutSent(data: { name: string; amount: string; url: string }): RenderedEmail {
    return {
      ...layout(
        'Your payout is on its way',
        [`Hi ${data.name},`, `We sent you a payout of ${data.amount}. It usually reaches your bank within two business days.`],
        { label: 'See your payouts', url: data.url },
      ),
      subject: `Hotlead payout of ${data.amount} sent`,
    };
  },
  serviceRequestConfirm(data: { name: string; nicheName: string; hideEmail: boolean; url: string }): RenderedEmail {
    return {
      ...layout(
        'Confirm your request',
        [
          `Hi ${data.name},`,
          `Please confirm your ${data.nicheName} request so we can pass it on to up to 3 matching providers. The link is valid for 7 days.`,
          data.hideEmail
            ? 'You chose to hide your email: confirming also creates your Hotlead account, where you follow your requests and talk to providers without sharing your address. You will be asked to choose a password.'
            : 'You chose to share your contact details: the providers we match will contact you directly.',
          'If you did not send this request, ignore this email and nothing happens.',
        ],
        { label: 'Confirm my request', url: data.url },
      ),
      subject: `Confirm your ${data.nicheName} request`,
    };
  },
  newLead(data: { name: string; providerName: string; nicheName: string; location: string; url: string }): RenderedEmail {
    return {
      ...layout(
        'New lead',
        [
          `Hi ${data.name},`,
          `${data.providerName} received a new ${data.nicheName} request (${data.location}). Answer within 4 hours to meet the response-time target; you can decline it for free within 1 hour.`,
        ],
        { label: 'Open the lead', url: data.url },
      ),
      subject: `New lead: ${data.nicheName} (${data.location})`,
    };
  },
} as const;

export type TemplateName = keyof typeof templates;
