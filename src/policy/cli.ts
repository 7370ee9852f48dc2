// Pure cores of `kcjr policy evaluate` and `kcjr policy list`: text in, text out, no I/O.
import type { Ruleset } from './compile';
import { describeRuleset } from './describe';
import { PolicyInputError } from './errors';
import { evaluate } from './evaluate';

export interface CliOutput {
  exitCode: 0 | 2;
  stdout: string;
  stderr: string;
}

export function runPolicyEvaluate(inputJsonText: string, ruleset: Ruleset): CliOutput {
  let request: unknown;
  try {
    request = JSON.parse(inputJsonText);
  } catch (e) {
    return { exitCode: 2, stdout: '', stderr: `invalid JSON: ${(e as Error).message}\n` };
  }
  try {
    return { exitCode: 0, stdout: `${JSON.stringify(evaluate(ruleset, request), null, 2)}\n`, stderr: '' };
  } catch (e) {
    if (!(e instanceof PolicyInputError)) throw e;
    return { exitCode: 2, stdout: '', stderr: `invalid request:\n${e.issues.map((i) => `  ${i.path || '(request)'}: ${i.message}`).join('\n')}\n` };
  }
}

export function runPolicyList(ruleset: Ruleset, format: 'text' | 'json'): CliOutput {
  const d = describeRuleset(ruleset);
  if (format === 'json') return { exitCode: 0, stdout: `${JSON.stringify(d, null, 2)}\n`, stderr: '' };
  const lines: string[] = [`ruleset ${d.version}`];
  for (const doc of d.documents) {
    lines.push('', `${doc.id}  ${doc.docNumber}  ${doc.title}`, `  ${doc.issuer}，${doc.issuedOn} 印发，有效期 ${doc.window.from} 至 ${doc.window.to}`);
    for (const m of d.measures.filter((x) => x.document === doc.id)) {
      const cap = m.cap ? `  上限 ${m.cap.kind} ${m.cap.parameter}` : '';
      lines.push(`  ${m.id.padEnd(12)} ${m.kind.padEnd(16)} ${m.title}（${m.clause}）${m.group ? `  [${m.group}]` : ''}`, `               ${m.formula}${cap}`);
    }
  }
  lines.push('', 'parameters:');
  for (const p of d.parameters) lines.push(`  ${p.key.padEnd(28)} ${(p.value ?? '（待细则）').padEnd(12)} ${p.effectiveFrom ?? ''}  ${p.reference ?? p.openUntil ?? ''}`);
  return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
}
