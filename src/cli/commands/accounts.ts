import type { Command } from 'commander';
import { createOrganization, createUser } from '../../server/modules/accounts/accounts.service';
import { createUserBody } from '../../server/modules/accounts/accounts.schemas';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../server/platform/principal';
import { checkUscc } from '../../shared/uscc';
import { cliActor, UsageError, withDatabase, type CliIo } from '../io';

export function registerAccountCommands(program: Command, io: CliIo, _setExit: (code: number) => void) {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user in an organisation (the password is read from standard input, or --password)')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--display-name <name>', 'name shown in the UI')
    .requiredOption('--role <role>', 'admin | officer | reviewer | institution_user | enterprise_user | auditor')
    .requiredOption('--org <code>', 'organisation code')
    .option('--password <password>', 'password (prefer standard input: it stays out of shell history)')
    .action(async (opts: { username: string; displayName: string; role: string; org: string; password?: string }) => {
      const password = opts.password ?? (await io.readStdin()).replace(/\r?\n$/, '');
      await withDatabase(io, async (db) => {
        const org = await db.selectFrom('organizations').select('id').where('code', '=', opts.org).executeTakeFirst();
        if (!org) throw new UsageError(`--org: no organisation with code '${opts.org}'`);
        const parsed = createUserBody.safeParse({ username: opts.username, displayName: opts.displayName, role: opts.role, password, organizationId: org.id });
        if (!parsed.success) {
          const names: Record<string, string> = { username: '--username', displayName: '--display-name', role: '--role', password: 'password' };
          throw new UsageError(parsed.error.issues.map((i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
        }
        const created = await createUser(db, cliActor(), parsed.data);
        io.out(`created user ${created.username} (${created.role}) in ${created.organization.name}\n`);
      });
    });

  const org = program.command('org').description('organisations');
  org
    .command('create')
    .description('create an organisation (office, bank, guarantor, insurer, fund, or enterprise linked by USCC)')
    .requiredOption('--code <code>', 'unique code, e.g. ICBC-YP')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', ORGANIZATION_KINDS.join(' | '))
    .option('--enterprise <uscc>', 'for kind enterprise: the registered enterprise it represents')
    .action(async (opts: { code: string; name: string; kind: string; enterprise?: string }) => {
      if (!(ORGANIZATION_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`--kind must be one of ${ORGANIZATION_KINDS.join(', ')}, got '${opts.kind}'`);
      if (!/^[A-Za-z0-9_-]{2,40}$/.test(opts.code)) throw new UsageError('--code: 2–40 letters, digits, underscores or hyphens');
      await withDatabase(io, async (db) => {
        let enterpriseId: string | null = null;
        if (opts.enterprise) {
          const check = checkUscc(opts.enterprise);
          if (!check.ok) throw new UsageError(`--enterprise: invalid USCC: ${check.message}`);
          const e = await db.selectFrom('enterprises').select('id').where('uscc', '=', check.uscc).executeTakeFirst();
          if (!e) throw new UsageError(`--enterprise: no registered enterprise with USCC ${check.uscc}`);
          enterpriseId = e.id;
        }
        const created = await createOrganization(db, cliActor(), { code: opts.code, name: opts.name, kind: opts.kind as OrganizationKind, enterpriseId });
        io.out(`created organisation ${created.code} (${created.kind})\n`);
      });
    });
}
