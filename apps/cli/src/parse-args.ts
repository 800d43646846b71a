/** Options that may stand alone: `--password` with no value means "ask me for it". */
const MAY_STAND_ALONE = new Set(['password']);

/**
 * `--name value` pairs after the command (pure, so it is tested without a process). A standalone
 * option gets the value '' (see MAY_STAND_ALONE). Errors name the option or the position, never
 * a value: a misplaced value may be a password.
 */
export function parseArgs(argv: string[]): { command: string | undefined; options: Record<string, string> } {
  const [command, ...rest] = argv;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument at position ${i + 2}: options are --name value`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else {
      const name = arg.slice(2);
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) {
        if (!MAY_STAND_ALONE.has(name)) throw new Error(`${arg} needs a value`);
        options[name] = '';
        continue;
      }
      options[name] = value;
      i++;
    }
  }
  return { command, options };
}
