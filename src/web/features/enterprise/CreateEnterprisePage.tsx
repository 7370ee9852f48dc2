import { App, Button, Card, Form, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ApiIssue } from '../../api/client';
import { enterpriseApi } from '../../api/endpoints';
import type { EnterpriseInput } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../components/errors';
import { withoutBlanks } from '../../components/ModalForm';
import { EnterpriseFields } from './EnterpriseFields';

export function CreateEnterprisePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EnterpriseInput>();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);

  async function onFinish(values: EnterpriseInput) {
    setSubmitting(true);
    setError(null);
    try {
      const created = await enterpriseApi.create({ ...withoutBlanks(values), uscc: values.uscc.trim().toUpperCase() } as EnterpriseInput);
      message.success(t('enterprise.create.done'));
      navigate(`/enterprises/${created.id}`);
    } catch (err) {
      setUnmatched(applyServerIssues(form, err));
      setError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Card title={t('enterprise.create.title')} style={{ maxWidth: 880 }}>
      <ErrorAlert error={error} issues={unmatched} />
      <Form<EnterpriseInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ listingStatus: 'unlisted' }}
        data-testid="enterprise-create-form"
      >
        <EnterpriseFields withUscc />
        <Space>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="enterprise-create-submit">
            {t('common.create')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
