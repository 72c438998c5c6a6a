/** Runs a command-line task: clear message and exit code 1 on failure, 0 on success. */
export function runCli(task: () => Promise<void>): void {
  task().then(
    () => process.exit(0),
    (error: unknown) => {
      // Config and usage errors are the operator's to fix: the message alone says what.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${message}\n`);
      process.exit(1);
    },
  );
}

/** `--name value` pairs from argv. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? (argv[index + 1]?.startsWith('--') ? '' : (argv[++index] ?? ''));
    flags.set(name!, value);
  }
  return flags;
}
