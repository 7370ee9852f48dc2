import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { evaluationApi, type ModelChange } from '../../api/evaluation';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';

/** Evaluation models (innovation points, lifecycle): in force, proposals with maker-checker, and the runs. */
export function ModelsPage() {
  const { t, language } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const officer = user?.role === 'admin' || user?.role === 'officer';
  const models = useApi((signal) => evaluationApi.models(signal), 'models');
  const runs = useApi((signal) => evaluationApi.runs(signal), 'runs');
  const [form] = Form.useForm<{ kind: string; definition: string; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);

  async function propose(v: { kind: string; definition: string; reason: string }) {
    setError(null);
    let definition: unknown;
    try {
      definition = JSON.parse(v.definition);
    } catch {
      form.setFields([{ name: 'definition', errors: [t('evaluation.models.badJson')] }]);
      return;
    }
    try {
      await evaluationApi.propose(v.kind, definition, v.reason);
      message.success(t('common.saved'));
      form.resetFields(['reason']);
      models.reload();
    } catch (e) {
      setError(e);
    }
  }
  async function decide(c: ModelChange, approve: boolean) {
    setError(null);
    try {
      await (approve ? evaluationApi.approve(c.id) : evaluationApi.reject(c.id));
      models.reload();
    } catch (e) {
      setError(e);
    }
  }
  const loadCurrent = (kind: string) => {
    const m = models.data?.inForce.find((x) => x.kind === kind);
    if (m) form.setFieldsValue({ kind, definition: JSON.stringify(m.definition, null, 2) });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('evaluation.models.title')} data-testid="models-page">
        <Alert type="info" showIcon message={t('evaluation.models.notice')} style={{ marginBottom: 12 }} />
        <ErrorAlert error={models.error ?? error} onRetry={models.reload} />
        <Typography.Title level={5}>{t('evaluation.models.inForce')}</Typography.Title>
        <Space wrap>
          {models.data?.inForce.map((m) => (
            <Tag key={m.kind} color={m.default ? 'default' : 'blue'} data-testid={`in-force-${m.kind}`}>
              {m.kind} · {m.version}{m.default ? ` (${t('evaluation.models.default')})` : ''}
            </Tag>
          ))}
        </Space>
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('evaluation.models.changes')}</Typography.Title>
        <Table<ModelChange>
          size="small" rowKey="id" pagination={false} data-testid="model-changes"
          dataSource={models.data?.changes ?? []}
          columns={[
            { key: 'kind', title: 'kind', dataIndex: 'kind' },
            { key: 'version', title: 'version', dataIndex: 'version' },
            { key: 'reason', title: t('evaluation.models.reason'), dataIndex: 'reason' },
            { key: 'status', title: '', render: (_, c) => <Tag color={c.status === 'approved' ? 'green' : c.status === 'rejected' ? 'red' : 'gold'}>{c.status}</Tag> },
            { key: 'by', title: '', render: (_, c) => `${c.proposedBy}${c.decidedBy ? ` → ${c.decidedBy}` : ''}` },
            {
              key: 'act', title: '',
              render: (_, c) => officer && c.status === 'proposed' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide(c, true)} data-testid="model-approve">{t('evaluation.models.approve')}</Button>
                  <Button size="small" danger onClick={() => decide(c, false)}>{t('evaluation.models.reject')}</Button>
                </Space>
              ),
            },
          ]}
        />
        {officer && (
          <Form form={form} layout="vertical" onFinish={propose} style={{ marginTop: 16 }} initialValues={{ kind: 'innovation_points' }}>
            <Typography.Title level={5}>{t('evaluation.models.propose')}</Typography.Title>
            <Form.Item name="kind" label="kind">
              <Select onChange={loadCurrent} options={[{ value: 'innovation_points', label: 'innovation_points' }, { value: 'lifecycle', label: 'lifecycle' }]} style={{ width: 240 }} />
            </Form.Item>
            <Button onClick={() => loadCurrent(form.getFieldValue('kind'))} style={{ marginBottom: 8 }}>{t('evaluation.models.inForce')} → JSON</Button>
            <Form.Item name="definition" label={t('evaluation.models.definition')} rules={[{ required: true }]}>
              <Input.TextArea rows={12} style={{ fontFamily: 'monospace' }} data-testid="model-definition" />
            </Form.Item>
            <Form.Item name="reason" label={t('evaluation.models.reason')} rules={[{ required: true }]}>
              <Input data-testid="model-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="model-propose">{t('evaluation.models.propose')}</Button>
          </Form>
        )}
      </Card>
      <Card
        title={t('evaluation.runs.title')}
        extra={officer && (
          <Button loading={running} data-testid="run-all" onClick={async () => {
            setRunning(true);
            try { await evaluationApi.run(); runs.reload(); } catch (e) { setError(e); } finally { setRunning(false); }
          }}>{t('evaluation.runs.run')}</Button>
        )}
      >
        <Table
          size="small" rowKey="id" pagination={false} data-testid="evaluation-runs"
          dataSource={runs.data ?? []}
          columns={[
            { key: 'at', title: '', render: (_, r) => new Date(r.startedAt).toLocaleString(language) },
            { key: 'trigger', title: '', dataIndex: 'trigger' },
            { key: 'summary', title: '', render: (_, r) => t('evaluation.runs.summary', { year: r.year, n: r.enterprises, changed: r.changed, unchanged: r.unchanged, ms: r.computeMs }) },
          ]}
        />
      </Card>
    </Space>
  );
}
