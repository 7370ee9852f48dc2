import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { LoanClassCode } from '../../../shared/loan';
import { loanApi, type ClassifyResult, type FloorsTable } from '../../api/loan';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { ClassTag } from './labels';

const FLOOR_CLASSES: LoanClassCode[] = ['special_mention', 'substandard', 'doubtful', 'loss'];
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 五级分类标准: the dated floors tables; officers add one (audited) and can run the classification now. */
export function FloorsPage() {
  const { t } = useI18n();
  const user = useUser();
  const manage = can(user, 'loan.manage');
  const { data, error, loading, reload } = useApi((signal) => loanApi.floors(signal), 'floors');
  const [form] = Form.useForm<{ effectiveFrom: string; source: string } & Record<LoanClassCode, number | null>>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [asOf, setAsOf] = useState(today());
  const [classified, setClassified] = useState<ClassifyResult | null>(null);
  const [classifyError, setClassifyError] = useState<unknown>(null);

  async function add() {
    const v = await form.validateFields();
    const floors = FLOOR_CLASSES.filter((c) => v[c] !== null && v[c] !== undefined).map((c) => ({ minDpd: Number(v[c]), class: c }));
    setSaving(true);
    setSaveError(null);
    try {
      await loanApi.addFloors({ effectiveFrom: v.effectiveFrom, source: v.source, floors });
      form.resetFields();
      reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  }

  async function classify() {
    setClassifyError(null);
    setClassified(null);
    try {
      setClassified(await loanApi.classify(asOf));
    } catch (err) {
      setClassifyError(err);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large" data-testid="loan-floors-page">
      <Card title={t('loan.floors.title')}>
        <Typography.Paragraph type="secondary">{t('loan.floors.hint')}</Typography.Paragraph>
        <ErrorAlert error={error} onRetry={reload} />
        <Table<FloorsTable>
          rowKey="id" size="small" pagination={false} loading={loading} dataSource={data?.items ?? []} data-testid="loan-floors-table"
          columns={[
            { key: 'from', title: t('loan.floors.effectiveFrom'), dataIndex: 'effectiveFrom' },
            ...FLOOR_CLASSES.map((c) => ({
              key: c, title: <ClassTag value={c} />,
              render: (_: unknown, r: FloorsTable) => {
                const f = r.floors.find((x) => x.class === c);
                return f ? t('loan.floors.fromDays', { n: f.minDpd }) : '—';
              },
            })),
            { key: 'source', title: t('loan.floors.source'), dataIndex: 'source' },
            { key: 'by', title: t('loan.floors.createdBy'), render: (_, r) => r.createdBy ?? '—' },
          ]}
        />
      </Card>
      {manage && (
        <Card title={t('loan.floors.add')}>
          <Form form={form} layout="vertical" initialValues={{ special_mention: 1, substandard: 91, doubtful: 271, loss: 361 }} data-testid="loan-floors-form">
            <Space wrap>
              <Form.Item name="effectiveFrom" label={t('loan.floors.effectiveFrom')} rules={[{ required: true }]}>
                <Input type="date" style={{ width: 180 }} data-testid="floors-effective-from" />
              </Form.Item>
              {FLOOR_CLASSES.map((c) => (
                <Form.Item key={c} name={c} label={<ClassTag value={c} />} extra={c === 'special_mention' ? t('loan.floors.omitHint') : undefined}>
                  <InputNumber min={1} max={10000} style={{ width: 140 }} addonBefore="≥" data-testid={`floors-${c}`} />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="source" label={t('loan.floors.source')} rules={[{ required: true }]}>
              <Input maxLength={1000} data-testid="floors-source" />
            </Form.Item>
            <ErrorAlert error={saveError} />
            <Button type="primary" onClick={add} loading={saving} data-testid="floors-submit">{t('loan.floors.add')}</Button>
          </Form>
        </Card>
      )}
      {manage && (
        <Card title={t('loan.classify.run')}>
          <Space>
            <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} style={{ width: 180 }} data-testid="classify-asof" />
            <Button onClick={classify} data-testid="classify-run">{t('loan.classify.run')}</Button>
          </Space>
          <ErrorAlert error={classifyError} />
          {classified && <Alert style={{ marginTop: 12 }} type="success" showIcon data-testid="classify-result" message={t('loan.classify.done', { asOf: classified.asOf, loans: classified.loans, changes: classified.classChanges })} />}
        </Card>
      )}
    </Space>
  );
}
