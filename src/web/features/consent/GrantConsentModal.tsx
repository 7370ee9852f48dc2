import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { applicationApi, consentApi, institutionApi } from '../../api/financing';
import { CONSENT_CLUSTERS, type ConsentInput } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';

/** Six months from today (Shanghai), inside the one-year limit the server enforces. */
function defaultExpiry(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  const month = m! + 6;
  const year = y! + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d!, last)).padStart(2, '0')}`;
}

export function GrantConsentModal({ open, onCancel, onGranted }: { open: boolean; onCancel(): void; onGranted(): void }) {
  const { t } = useI18n();
  const institutionList = useApi((signal) => institutionApi.list({}, signal), 'institutions');
  const applications = useApi((signal) => applicationApi.list({ pageSize: 100, order: 'recent' }, signal), 'apps');
  const institutions = institutionList.data?.items ?? [];

  return (
    <ModalForm<ConsentInput>
      open={open}
      title={t('consent.grant')}
      testId="consent-form"
      width={640}
      initialValues={{ lookbackMonths: 12, expiresOn: defaultExpiry(), clusters: [] }}
      onCancel={onCancel}
      onSubmit={async (values) => {
        await consentApi.grant({ ...values, applicationId: values.applicationId || undefined });
        onGranted();
      }}
    >
      <Form.Item name="institutionCode" label={t('consent.field.institution')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="consent-institution"
          options={institutions.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
        />
      </Form.Item>
      <Form.Item name="clusters" label={t('consent.field.clusters')} rules={[{ required: true }]}>
        <Checkbox.Group data-testid="consent-clusters" options={CONSENT_CLUSTERS.map((c) => ({ value: c, label: t(`cluster.${c}`) }))} />
      </Form.Item>
      <Form.Item name="purpose" label={t('consent.field.purpose')} rules={[{ required: true }]}>
        <Input data-testid="consent-purpose" />
      </Form.Item>
      <Form.Item name="applicationId" label={t('consent.field.application')}>
        <Select
          allowClear
          options={(applications.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.applicationNo} · ${a.product?.name ?? ''}` }))}
        />
      </Form.Item>
      <Form.Item name="lookbackMonths" label={t('consent.field.lookback')} rules={[{ required: true }]}>
        <InputNumber min={1} max={120} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="expiresOn" label={t('consent.field.expiresOn')} rules={[{ required: true }]} extra={t('consent.expiryHint')}>
        <Input type="date" data-testid="consent-expires" />
      </Form.Item>
    </ModalForm>
  );
}
