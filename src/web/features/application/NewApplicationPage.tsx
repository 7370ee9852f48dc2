import { Alert, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ApiIssue } from '../../api/client';
import { applicationApi, productApi } from '../../api/financing';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../components/errors';
import { useApi } from '../../components/useApi';
import { TermsView } from '../product/TermsView';

interface Values {
  productCode?: string;
  requestedAmount: number;
  requestedTermMonths?: number;
  purpose?: string;
}

/** Apply for financing: choose a product (optional), amount in yuan, term and purpose; save a draft or submit. */
export function NewApplicationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const products = useApi((signal) => productApi.list({ status: 'active', pageSize: 200 }, signal), 'active');
  const chosen = Form.useWatch('productCode', form);
  const product = products.data?.items.find((p) => p.code === chosen);

  async function save(submit: boolean) {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(submit ? 'submit' : 'draft');
    setError(null);
    try {
      const created = await applicationApi.create({
        productCode: values.productCode || undefined,
        requestedAmount: values.requestedAmount,
        requestedTermMonths: values.requestedTermMonths ?? undefined,
        purpose: values.purpose || undefined,
        submit,
      });
      navigate(`/applications/${created.id}`);
    } catch (err) {
      setUnmatched(applyServerIssues(form, err));
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('app.new')} data-testid="application-new-page">
      {error ? <ErrorAlert error={error} issues={unmatched} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ productCode: params.get('product') ?? undefined }} style={{ maxWidth: 720 }}>
        <Form.Item name="productCode" label={t('app.field.product')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={products.loading}
            data-testid="application-product"
            options={(products.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code}) · ${p.owner.name}` }))}
          />
        </Form.Item>
        {product && (
          <Alert type="info" style={{ marginBottom: 16 }} title={product.name} description={<TermsView terms={product.terms} />} />
        )}
        <Form.Item name="requestedAmount" label={t('app.field.requestedAmountYuan')} rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: '100%' }} data-testid="application-amount" />
        </Form.Item>
        <Form.Item name="requestedTermMonths" label={t('app.field.termMonths')}>
          <InputNumber min={1} max={600} style={{ width: '100%' }} data-testid="application-term" />
        </Form.Item>
        <Form.Item name="purpose" label={t('app.field.purpose')}>
          <Input.TextArea rows={3} data-testid="application-purpose" />
        </Form.Item>
        <Space>
          <Button onClick={() => save(false)} loading={busy === 'draft'} data-testid="application-save-draft">
            {t('app.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => save(true)} loading={busy === 'submit'} data-testid="application-submit-new">
            {t('app.saveAndSubmit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
