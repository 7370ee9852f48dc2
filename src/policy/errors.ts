import type { InputIssue } from './types';

/** Bad request input: a 400 / CLI exit 2. Each issue names the field, never a silent zero. */
export class PolicyInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'PolicyInputError';
    this.issues = issues;
  }
}

export interface LoadIssue {
  file: string;
  path: string;
  message: string;
}

/** A policy data file that must not be served: the ruleset refuses to load. */
export class PolicyLoadError extends Error {
  readonly issues: LoadIssue[];
  constructor(issues: LoadIssue[]) {
    super(`policy data is invalid:\n${issues.map((i) => `  ${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}`).join('\n')}`);
    this.name = 'PolicyLoadError';
    this.issues = issues;
  }
}
