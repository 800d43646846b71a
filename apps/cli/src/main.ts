import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, DomainError, loadConfig } from '@hokenshitsu/core';
import { ROLES, UsersService, type Role } from '@hokenshitsu/identity';
import { CliModule } from './cli.module.js';
import { parseArgs } from './parse-args.js';
import { readSecret } from './read-secret.js';

const USAGE = `usage:
  npm run cli -- users:create --email E --role ${ROLES.join('|')} [--company ID] [--password]
      --password alone asks for it (not shown), or reads the first line piped in;
      without it a password is generated and printed once
  npm run cli -- migration:run
  npm run cli -- admin:ensure      (first run: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD, or prints a generated password once)`;

const COMMANDS = ['users:create', 'migration:run', 'admin:ensure'];

/**
 * A password typed after --password is on the command line: npm prints that line back
 * ("> node scripts/cli.mjs ... --password P") before this program runs, and the shell keeps it in
 * its history. Through `npm run cli` such a password is refused, since it is no longer secret.
 */
const THROUGH_NPM = process.env.npm_lifecycle_event === 'cli';

async function main(): Promise<number> {
  const { command, options } = parseArgs(process.argv.slice(2));
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE);
    return 64;
  }
  if (options.password && THROUGH_NPM) {
    console.error('refused: npm has just printed the command line, password included (and your shell keeps it in its history).\n' +
      'Use --password alone to be asked for it, or pipe it in; then choose a password that has not been on a screen.');
    return 64;
  }
  if (options.password === '') {
    options.password = await readSecret('password: ');
    // An empty answer would otherwise read as "no password" and generate one.
    if (!options.password) throw new Error('no password was given');
  }
  const config = loadConfig();
  // Creating the context runs pending migrations (migrationsRun), which is all migration:run needs.
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
  try {
    if (command === 'migration:run') {
      console.log('database schema is up to date');
      return 0;
    }
    if (command === 'admin:ensure') {
      const users = app.get(UsersService);
      if (await users.hasRole('admin')) return 0;
      const email = process.env.ADMIN_EMAIL || 'admin@hokenshitsu.local';
      const { generatedPassword } = await users.create({ email, role: 'admin', password: process.env.ADMIN_PASSWORD || undefined });
      console.log(`\n  first run: created the admin user ${email}`);
      if (generatedPassword) console.log(`  password (shown once, write it down): ${generatedPassword}\n`);
      return 0;
    }
    if (!options.email || !options.role) {
      console.error(`--email and --role are required\n${USAGE}`);
      return 64;
    }
    const { user, generatedPassword } = await app.get(UsersService).create({
      email: options.email,
      role: options.role as Role,
      companyId: options.company ?? null,
      password: options.password,
    });
    console.log(`created ${user.role} ${user.email} (id ${user.id})`);
    if (generatedPassword) console.log(`password (shown once): ${generatedPassword}`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
    else console.error(`cli failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
