import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, DomainError, loadConfig } from '@hokenshitsu/core';
import { ROLES, UsersService, type Role } from '@hokenshitsu/identity';
import { CliModule } from './cli.module.js';
import { parseArgs } from './parse-args.js';

const USAGE = `usage:
  npm run cli -- users:create --email E --role ${ROLES.join('|')} [--company ID] [--password P]
  npm run cli -- migration:run
  npm run cli -- admin:ensure      (first run: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD, or prints a generated password once)`;

const COMMANDS = ['users:create', 'migration:run', 'admin:ensure'];

async function main(): Promise<number> {
  const { command, options } = parseArgs(process.argv.slice(2));
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE);
    return 64;
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
