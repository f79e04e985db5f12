// What a command receives as operands, from the ones its parser found and the raw argv. Shared by
// commander's parse (program.ts) and the start-up fast path (fastParse.ts), so both agree.

export type Operands = (args: string[], raw: readonly string[]) => string[];

// exec receives [PROFILE?, '--', command…]. A parser takes sts-cli's options up to `--` (before
// and after the profile) and drops the `--`: only the raw argv says where the command begins.
export const execOperands: Operands = (args, raw) => {
  const dash = raw.indexOf('--');
  if (dash === -1) return ['--', ...args];
  const command = raw.length - dash - 1;
  return [...args.slice(0, args.length - command), '--', ...args.slice(args.length - command)];
};
