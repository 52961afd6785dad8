import { OperatorError } from '../platform/backup/operator.js';

/**
 * Runs a command-line tool: its result is the exit code. An OperatorError prints its (German, then English) message
 * and exits with its code; anything else prints the stack and exits with `unexpectedExit`.
 */
export function runCli(main: (args: string[]) => Promise<number>, opts: { unexpectedExit?: number } = {}): void {
  // `npm run demo:totp -- admin | head -1` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof OperatorError) {
        process.stderr.write(`\n${e.message}\n`);
        process.exit(e.exitCode);
      }
      const code = (e as { code?: unknown } | undefined)?.code;
      if (e instanceof Error && typeof code === 'string') {
        // PostgreSQL (3D000, 28P01, …) or the network (ECONNREFUSED, …): the message says it; a stack would not help.
        process.stderr.write(`\nDatenbankfehler / database error (${code}): ${e.message}\n`);
        process.exit(opts.unexpectedExit ?? 1);
      }
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`\nUnerwarteter Fehler / unexpected error:\n${text}\n`);
      process.exit(opts.unexpectedExit ?? 1);
    },
  );
}

export function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** `--name value` or `--name=value`. */
export function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** Arguments that are neither options nor option values. */
export function positional(args: string[], valued: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      if (valued.includes(arg.slice(2))) i++;
      continue;
    }
    if (arg === '-h') continue;
    out.push(arg);
  }
  return out;
}

export const say = (text: string) => process.stdout.write(`${text}\n`);
