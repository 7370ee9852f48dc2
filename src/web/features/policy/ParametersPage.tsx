import { Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { policyApi } from '../../api/subsidy';
import type { ParameterChange, ParameterDescription } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { todayInShanghai } from './money';
import { formatParameterValue, ParameterValue } from './ParameterValue';
import { useMeasures } from './useMeasures';

interface ProposeValues {
  value: number;
  effectiveFrom: string;
  reference: string;
  reason: string;
}

const STATUS_COLOR = { proposed: 'processing', approved: 'success', rejected: 'error' } as const;

/**
 * 实施细则参数: maker-checker on the values the policy documents leave to implementing rules. An officer
 * proposes; another officer approves or rejects (the proposer sees no approve button — the server refuses too).
 */
export function ParametersPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const staff = can(user, 'subsidy.staff');
  const measures = useMeasures();
  const changes = useApi((signal) => policyApi.parameterChanges({}, signal), 'parameter-changes');
  const [proposing, setProposing] = useState<ParameterDescription | null>(null);
  const [deciding, setDeciding] = useState<{ change: ParameterChange; approve: boolean } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const byKey = new Map((measures.data?.parameters ?? []).map((p) => [p.key, p]));
  const reload = () => {
    measures.reload();
    changes.reload();
  };
  const valueText = (c: ParameterChange) => {
    const p = byKey.get(c.key);
    return p ? formatParameterValue(c.value, p.unit, language, t) : c.value;
  };

  const parameterColumns: ColumnsType<ParameterDescription> = [
    { key: 'key', title: t('policy.param.key'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'label', title: t('policy.param.label'), render: (_, p) => (language === 'en-US' ? p.labelEn : p.label) },
    { key: 'value', title: t('policy.param.value'), render: (_, p) => <ParameterValue parameter={p} /> },
    { key: 'effectiveFrom', title: t('policy.param.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string | null) => v ?? '—' },
    { key: 'reference', title: t('policy.param.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
    ...(staff
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, p: ParameterDescription) => (
              <Button size="small" data-testid={`propose-${p.key}`} onClick={() => setProposing(p)}>
                {t('param.propose')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const changeColumns: ColumnsType<ParameterChange> = [
    { key: 'key', title: t('policy.param.key'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'value', title: t('param.change.value'), render: (_, c) => valueText(c) },
    { key: 'effectiveFrom', title: t('policy.param.effectiveFrom'), dataIndex: 'effectiveFrom' },
    { key: 'reference', title: t('policy.param.reference'), dataIndex: 'reference' },
    { key: 'reason', title: t('param.change.reason'), dataIndex: 'reason' },
    {
      key: 'status',
      title: t('param.change.status'),
      dataIndex: 'status',
      render: (v: ParameterChange['status']) => <Tag color={STATUS_COLOR[v]}>{t(`param.status.${v}`)}</Tag>,
    },
    {
      key: 'proposedBy',
      title: t('param.change.proposedBy'),
      render: (_, c) => `${c.proposedBy.username} · ${formatDateTime(c.proposedAt, language)}`,
    },
    {
      key: 'decidedBy',
      title: t('param.change.decidedBy'),
      render: (_, c) =>
        c.decidedBy ? (
          <span>
            {c.decidedBy.username} · {formatDateTime(c.decidedAt, language)}
            {c.decisionReason && <div style={{ opacity: 0.7 }}>{c.decisionReason}</div>}
          </span>
        ) : (
          '—'
        ),
    },
    ...(staff
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, c: ParameterChange) => {
              if (c.status !== 'proposed') return null;
              // Four eyes: the maker never sees the checker's buttons on their own proposal.
              if (c.proposedBy.id === user.id) return <Tag data-testid="awaiting-checker">{t('param.awaitingChecker')}</Tag>;
              return (
                <Space>
                  <Button size="small" type="primary" data-testid="param-approve" onClick={() => setDeciding({ change: c, approve: true })}>
                    {t('param.approve')}
                  </Button>
                  <Button size="small" danger data-testid="param-reject" onClick={() => setDeciding({ change: c, approve: false })}>
                    {t('param.reject')}
                  </Button>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  const pending = (changes.data?.items ?? []).filter((c) => c.status === 'proposed');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="parameters-page">
      <Card title={t('param.pending.title')}>
        <Typography.Paragraph type="secondary">{t('param.intro')}</Typography.Paragraph>
        <ErrorAlert error={changes.error ?? actionError} onRetry={reload} />
        <Table<ParameterChange>
          rowKey="id"
          size="small"
          pagination={false}
          loading={changes.loading}
          columns={changeColumns}
          dataSource={pending}
          data-testid="pending-table"
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card title={t('param.list.title')}>
        <ErrorAlert error={measures.error} onRetry={measures.reload} />
        <Table<ParameterDescription>
          rowKey="key"
          size="small"
          loading={measures.loading}
          columns={parameterColumns}
          dataSource={measures.data?.parameters ?? []}
          data-testid="parameter-table"
          pagination={{ pageSize: 200, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (p) => p.history.length > 0,
            expandedRowRender: (p) => (
              <Table
                rowKey={(h) => `${h.from}-${h.value}`}
                size="small"
                pagination={false}
                dataSource={p.history}
                columns={[
                  { key: 'from', title: t('policy.param.effectiveFrom'), dataIndex: 'from' },
                  { key: 'value', title: t('policy.param.value'), render: (_, h) => formatParameterValue(h.value, p.unit, language, t) },
                  { key: 'reference', title: t('policy.param.reference'), dataIndex: 'reference' },
                  { key: 'source', title: t('policy.param.source'), dataIndex: 'source', render: (v: 'policy' | 'officer') => t(`policy.source.${v}`) },
                ]}
              />
            ),
          }}
        />
      </Card>
      <Card title={t('param.history.title')}>
        <Table<ParameterChange>
          rowKey="id"
          size="small"
          loading={changes.loading}
          columns={changeColumns.filter((c) => c.key !== 'actions')}
          dataSource={(changes.data?.items ?? []).filter((c) => c.status !== 'proposed')}
          data-testid="history-table"
          scroll={{ x: 'max-content' }}
        />
      </Card>

      <ModalForm<ProposeValues>
        open={!!proposing}
        testId="propose-modal"
        title={t('param.propose.title', { key: proposing?.key ?? '' })}
        initialValues={{ effectiveFrom: todayInShanghai() }}
        onCancel={() => setProposing(null)}
        onSubmit={async (values) => {
          await policyApi.proposeParameter({ key: proposing!.key, ...values });
          message.success(t('param.proposed'));
          setProposing(null);
          reload();
        }}
      >
        {proposing && (
          <Typography.Paragraph type="secondary">
            {t('param.propose.current')} <ParameterValue parameter={proposing} />
          </Typography.Paragraph>
        )}
        <Form.Item
          name="value"
          label={t('param.change.value')}
          extra={proposing ? t(`param.unitHint.${proposing.unit}`) : undefined}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={0} style={{ width: '100%' }} data-testid="propose-value" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('policy.param.effectiveFrom')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" data-testid="propose-effective-from" />
        </Form.Item>
        <Form.Item name="reference" label={t('policy.param.reference')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="propose-reference" placeholder={t('param.referencePlaceholder')} />
        </Form.Item>
        <Form.Item name="reason" label={t('param.change.reason')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} data-testid="propose-reason" />
        </Form.Item>
      </ModalForm>

      <ModalForm<{ reason?: string }>
        open={!!deciding}
        testId="decide-modal"
        title={deciding ? t(deciding.approve ? 'param.approve.title' : 'param.reject.title', { key: deciding.change.key, value: valueText(deciding.change) }) : ''}
        onCancel={() => setDeciding(null)}
        onSubmit={async ({ reason }) => {
          setActionError(null);
          if (deciding!.approve) await policyApi.approveParameter(deciding!.change.id, reason || undefined);
          else await policyApi.rejectParameter(deciding!.change.id, reason ?? '');
          message.success(t(deciding!.approve ? 'param.approved' : 'param.rejected'));
          setDeciding(null);
          reload();
        }}
      >
        <Form.Item
          name="reason"
          label={t('param.decisionReason')}
          rules={deciding?.approve ? [] : [{ required: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} data-testid="decide-reason" />
        </Form.Item>
      </ModalForm>
    </Space>
  );
}
