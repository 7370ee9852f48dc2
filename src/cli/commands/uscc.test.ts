import { describe, expect, it } from 'vitest';
import { runUsccCheck } from './uscc';

describe('kcjr uscc check', () => {
  it('prints the normalised code and exits 0 when every code is valid', () => {
    expect(runUsccCheck(['91310110666007217T', ' ９１３１０１１０６６６００７２１７ｔ '])).toEqual({
      exitCode: 0,
      stdout: '91310110666007217T  valid\n91310110666007217T  valid\n',
    });
  });

  it('prints the input with the broken rule and exits 1 when any code is invalid', () => {
    const result = runUsccCheck(['91310110666007217T', '91310110666007217x', '9131011066600721']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '91310110666007217T  valid',
      "91310110666007217x  invalid: check character should be 'T', got 'X'",
      '9131011066600721  invalid: must be 18 characters, got 16',
      '',
    ]);
  });

  it('exits 2 with usage when no code is given', () => {
    const result = runUsccCheck([]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^usage: kcjr uscc check CODE/);
  });
});
