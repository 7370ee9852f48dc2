import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `kcjr …` in-process with the given environment and standard input, collecting what it prints. */
export async function runCli(argv: string[], opts: { env: Record<string, string>; stdin?: string }): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), env: opts.env, readStdin: async () => opts.stdin ?? '' };
  const code = await main(argv, io);
  return { code, out, err };
}
