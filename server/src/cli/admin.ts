// `pnpm --filter @hotlead/server admin:grant <email>` / `admin:revoke <email>`: the platform ADMIN role.
import { setPlatformAdmin } from '../modules/admin/platformAdmin.js';
import { loadConfig } from '../platform/config.js';
import { connectDatabase } from '../platform/db/client.js';
import { resolveDatabase } from '../platform/db/resolve.js';

const [command, email] = process.argv.slice(2);
if ((command !== 'grant' && command !== 'revoke') || !email) {
  console.error('usage: admin.ts grant|revoke <email>');
  process.exit(2);
}
const config = loadConfig();
const resolved = await resolveDatabase(config.DATABASE_URL, config.EMBEDDED_POSTGRES);
const db = connectDatabase(resolved.url, { max: 1 });
try {
  const outcome = await setPlatformAdmin(db.prisma, email, command === 'grant');
  console.log(outcome === 'no such user' ? `No account with the email ${email}: it must sign up first.` : `${email}: ${outcome}`);
  process.exitCode = outcome === 'no such user' ? 1 : 0;
} finally {
  await db.close();
  await resolved.stop();
}
