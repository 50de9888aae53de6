// Logs carry request ids and no secrets or personal data.
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/factories.js';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe('logger', () => {
  it('redacts passwords, tokens, emails, cookies and GraphQL variables wherever they appear', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', 'test', stream);
    log.info(
      {
        password: 'hunter2hunter2',
        user: { email: 'a@b.test', token: 'hls_secret' },
        req: { headers: { authorization: 'Bearer hls_x', cookie: 'hotlead_session=y' } },
        variables: { input: { password: 'p' } },
      },
      'login',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/hunter2|a@b\.test|hls_secret|hls_x|hotlead_session=y/);
    expect(out).toContain('[redacted]');
  });

  it('writes one line per request with its id, and never the credentials of a login', async () => {
    const { lines, stream } = capture();
    const app = await startTestApp({ LOG_LEVEL: 'info' }, { logStream: stream });
    try {
      const user = await buildUser(app);
      await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-login-1' },
        body: JSON.stringify({
          query: 'mutation($i: SessionLoginInput!) { sessionLogin(input: $i) { userErrors { code } } }',
          variables: { i: { email: user.email, password: TEST_PASSWORD } },
        }),
      });
      await new Promise((r) => setTimeout(r, 100));
      const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['requestId'] === 'req-login-1');
      expect(requestLines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'POST', path: '/graphql', status: 200 }));
      const out = lines.join('');
      expect(out).not.toContain(user.email);
      expect(out).not.toContain(TEST_PASSWORD);
      expect(out).not.toMatch(/hls_/);
    } finally {
      await app.stop();
    }
  });
});
