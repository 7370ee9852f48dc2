import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../app/i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<span data-testid="not-found">{t('notFound.title')}</span>}
      subTitle={t('notFound.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('error.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
