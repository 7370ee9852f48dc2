import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useMeta } from '../../app/meta';
import { DemoBanner } from '../../components/DemoBanner';
import { describeError } from '../../components/errors';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-app paths are honoured as a post-login target. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { user, signIn } = useAuth();
  const { t, language, setLanguage } = useI18n();
  const meta = useMeta();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (user === undefined) return <Spin fullscreen />;
  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  async function onFinish(values: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.invalid'));
      else if (err instanceof ApiError && err.status === 423) setError(t('login.locked', { message: err.message }));
      else setError(describeError(t, err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f0f4fa' }}>
      <DemoBanner />
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <Button
          icon={<TranslationOutlined />}
          data-testid="lang-toggle"
          onClick={() => setLanguage(language === 'zh-CN' ? 'en-US' : 'zh-CN')}
        >
          {t('lang.toggle')}
        </Button>
      </div>
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '6vh' }}>
        <Card style={{ width: 380 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('app.shortName')} · {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error && (
            <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
          )}
          <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          {meta?.demo && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
              {t('login.demoHint')}
            </Typography.Paragraph>
          )}
        </Card>
      </div>
    </div>
  );
}
