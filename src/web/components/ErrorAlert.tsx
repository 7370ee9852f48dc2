import { Alert, Button } from 'antd';
import { ApiError, type ApiIssue } from '../api/client';
import { useI18n } from '../app/i18n';
import { describeError } from './errors';

interface Props {
  error: unknown;
  /** Issues that could not be shown beside a field. */
  issues?: ApiIssue[];
  onRetry?: () => void;
}

/** The generic display of an API error `{ error, message, issues? }`. */
export function ErrorAlert({ error, issues, onRetry }: Props) {
  const { t } = useI18n();
  if (!error) return null;
  const list = issues ?? (error instanceof ApiError ? error.issues : []);
  const code = error instanceof ApiError && error.status !== 0 ? t('error.code', { code: error.code }) : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-alert"
      style={{ marginBottom: 16 }}
      title={describeError(t, error)}
      description={
        list.length > 0 || code ? (
          <>
            {list.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {list.map((issue, i) => (
                  <li key={i}>
                    {issue.path ? <code>{issue.path.replace(/^body\./, '')}</code> : null} {issue.message}
                  </li>
                ))}
              </ul>
            )}
            {code && <div style={{ opacity: 0.65 }}>{code}</div>}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
