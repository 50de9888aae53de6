// `pnpm db:migrate | db:seed | db:reset | db:new <name>`: database chores against DATABASE_URL or
// the embedded server of this checkout.
import { loadConfig } from '../platform/config.js';
import { resolveDatabase } from '../platform/db/resolve.js';
import { migrateDeploy, runPrisma } from '../platform/db/migrate.js';

const [command, ...rest] = process.argv.slice(2);
const config = loadConfig();
const db = await resolveDatabase(config.DATABASE_URL, config.EMBEDDED_POSTGRES, (line) => console.log(line));
try {
  switch (command) {
    case 'migrate': {
      const applied = await migrateDeploy(db.url);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
      break;
    }
    case 'new': {
      // Authoring: generate a migration from schema.prisma changes without applying it, so hand-written
      // constraints can be appended before `db:migrate`.
      const name = rest[0];
      if (!name) throw new Error('usage: db:new <migration_name>');
      await runPrisma(['migrate', 'dev', '--create-only', '--name', name], db.url);
      break;
    }
    case 'seed': {
      const { seedIfEmpty } = await import('../seed/run.js');
      await seedIfEmpty(db.url, { log: console.log });
      break;
    }
    case 'reset': {
      const { resetDatabase } = await import('../seed/run.js');
      await resetDatabase(db.url, { log: console.log });
      break;
    }
    default:
      throw new Error(`unknown command "${command ?? ''}": migrate | seed | reset | new <name>`);
  }
} finally {
  await db.stop();
}
