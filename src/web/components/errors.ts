import type { FormInstance } from 'antd';
import { ApiError, type ApiIssue } from '../api/client';
import type { Translate } from '../app/i18n';

/** One line for a toast or an alert title. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return error.message || t('error.forbidden');
    if (error.code === 'validation' && error.issues.length > 0) return t('error.validation');
    return error.message || t('error.code', { code: error.code });
  }
  return error instanceof Error ? error.message : String(error);
}

/** `body.name` → ['name']; `body.items.0.x` → ['items', 0, 'x']. Issues outside the body have no field. */
export function issueFieldPath(issue: ApiIssue): (string | number)[] | null {
  if (!issue.path?.startsWith('body.')) return null;
  return issue.path
    .slice('body.'.length)
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the server's validation issues beside the form fields they name.
 * Returns the issues that match no field in the form, for a general alert.
 */
export function applyServerIssues(form: FormInstance, error: unknown): ApiIssue[] {
  if (!(error instanceof ApiError) || error.issues.length === 0) return [];
  const known = new Set(
    form
      .getFieldsError()
      .map((f) => JSON.stringify(f.name)),
  );
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: ApiIssue[] = [];
  for (const issue of error.issues) {
    const path = issueFieldPath(issue);
    // A nested path (e.g. body.scopes.0) belongs to its top-level field if only that one is in the form.
    const candidates = path ? [path, path.slice(0, 1)] : [];
    const name = candidates.find((c) => known.has(JSON.stringify(c)));
    if (!name) {
      unmatched.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}
