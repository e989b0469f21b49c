/**
 * `newsbite user …`: accounts for the reader. The first user created is the admin.
 *   user add NAME [--password-stdin] [--admin]    user list [--json]
 *   user passwd NAME [--password-stdin]           user delete NAME
 *   user token NAME [--label LABEL]               (prints a new REST API token once)
 */
import readline from 'node:readline';
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { printJson, printLine } from '../output.js';

async function readPassword(fromStdin: boolean, prompt: string): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    if (!fromStdin)
      throw new NewsBiteError('INPUT_INVALID', 'no terminal to ask for the password; pass --password-stdin');
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // Echo nothing while the password is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stderr.write(question);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(prompt);
  const second = await ask('Repeat: ');
  if (first !== second) throw new NewsBiteError('INPUT_INVALID', 'the two passwords differ');
  return first;
}

async function open(ctx: CliContext) {
  const { openStore } = await import('../../store/index.js');
  const { ReaderStore } = await import('../../store/reader.js');
  const store = await openStore(ctx.config());
  return { store, reader: new ReaderStore(store.db as never) };
}

export function register(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('manage reader accounts (the first one is the admin)');

  user
    .command('add <name>')
    .description('create an account (asks for the password, or reads it from stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--admin', 'make the account an administrator (the first account always is)')
    .action(async (name: string, opts: { passwordStdin?: boolean; admin?: boolean }) => {
      const password = await readPassword(Boolean(opts.passwordStdin), `Password for ${name}: `);
      const { store, reader } = await open(ctx);
      try {
        const { createUser } = await import('../../server/routes/pages.js');
        const first = (await reader.countUsers()) === 0;
        const created = await createUser({ reader }, name, password, first || Boolean(opts.admin));
        printLine(`created ${created.is_admin ? 'admin ' : ''}user ${created.name}`);
      } finally {
        await store.close();
      }
    });

  user
    .command('passwd <name>')
    .description('set a new password')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      const password = await readPassword(Boolean(opts.passwordStdin), `New password for ${name}: `);
      const { store, reader } = await open(ctx);
      try {
        const { validatePassword } = await import('../../server/routes/pages.js');
        const { hashPassword } = await import('../../server/auth.js');
        const found = await reader.userByName(name);
        if (!found) throw new NewsBiteError('NOT_FOUND', `no user named "${name}"`);
        await reader.updateUser(found.id, { passwordHash: await hashPassword(validatePassword(password)) });
        printLine(`password changed for ${name}`);
      } finally {
        await store.close();
      }
    });

  user
    .command('list')
    .description('list accounts')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { store, reader } = await open(ctx);
      try {
        const users = (await reader.listUsers()).map((u) => ({
          id: u.id,
          name: u.name,
          admin: Boolean(u.is_admin),
          created: u.created_at,
        }));
        if (opts.json) printJson(users);
        else for (const u of users) printLine(`${u.name}${u.admin ? ' (admin)' : ''}  created ${u.created}`);
      } finally {
        await store.close();
      }
    });

  user
    .command('delete <name>')
    .description('delete an account with its sessions, tokens, subscriptions and state')
    .action(async (name: string) => {
      const { store, reader } = await open(ctx);
      try {
        const found = await reader.userByName(name);
        if (!found) throw new NewsBiteError('NOT_FOUND', `no user named "${name}"`);
        await reader.deleteUser(found.id);
        printLine(`deleted user ${name}`);
      } finally {
        await store.close();
      }
    });

  user
    .command('token <name>')
    .description('create a REST API token for a user (printed once)')
    .option('--label <label>', 'what the token is for', 'cli')
    .action(async (name: string, opts: { label: string }) => {
      const { store, reader } = await open(ctx);
      try {
        const { newToken, tokenHash } = await import('../../server/auth.js');
        const found = await reader.userByName(name);
        if (!found) throw new NewsBiteError('NOT_FOUND', `no user named "${name}"`);
        const token = newToken();
        await reader.createApiToken({
          userId: found.id,
          name: opts.label,
          kind: 'api',
          tokenHash: tokenHash(token),
        });
        printLine(token);
      } finally {
        await store.close();
      }
    });
}
