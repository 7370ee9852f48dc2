import { checkUscc } from '../../shared/uscc';

export const USCC_CHECK_USAGE = 'usage: kcjr uscc check CODE…\n  checks each 统一社会信用代码 against GB 32100-2015';

export interface CommandResult {
  exitCode: number;
  stdout: string;
}

/** `kcjr uscc check CODE…`: exit 0 when every code is valid, 1 when any is not, 2 on usage. */
export function runUsccCheck(codes: string[]): CommandResult {
  if (codes.length === 0) return { exitCode: 2, stdout: `${USCC_CHECK_USAGE}\n` };
  let allValid = true;
  const lines = codes.map((input) => {
    const result = checkUscc(input);
    if (result.ok) return `${result.uscc}  valid`;
    allValid = false;
    return `${input}  invalid: ${result.message}`;
  });
  return { exitCode: allValid ? 0 : 1, stdout: `${lines.join('\n')}\n` };
}
