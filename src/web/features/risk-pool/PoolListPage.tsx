import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Table, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { organizationApi } from '../../api/endpoints';
import { riskPoolApi, type CollateralMode, type CreatePoolInput, type PoolSummary } from '../../api/risk-pool';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { pct } from './labels';

const COLLATERAL: CollateralMode[] = ['credit', 'ip_pledge', 'guarantee', 'performance_insurance', 'other'];

interface CreateValues extends Omit<CreatePoolInput, 'share' | 'nplTolerance' | 'productIds' | 'perLoanCap' | 'perBankYearCap'> {
  sharePct: number;
  tolerancePct: number;
  perLoanCap?: number;
  perBankYearCap?: number;
}

/** 风险补偿资金池: every pool with its terms and balance; staff create pools. */
export function PoolListPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const manage = can(user, 'riskPool.manage');
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi((signal) => riskPoolApi.pools(signal), 'pools');
  const [creating, setCreating] = useState(false);
  const orgs = useApi(() => (manage ? organizationApi.list() : Promise.resolve({ items: [] })), `orgs:${manage}`);

  const columns: ColumnsType<PoolSummary> = [
    { key: 'code', title: t('riskPool.field.code'), dataIndex: 'code', render: (v: string, p) => <Link to={`/risk-pools/${p.id}`} data-testid="pool-link">{v}</Link> },
    { key: 'name', title: t('riskPool.field.name'), dataIndex: 'name', render: (v: string, p) => <>{v} {p.demo && <Tag>{t('demo.tag')}</Tag>}</> },
    { key: 'mode', title: t('riskPool.field.mode'), dataIndex: 'mode', render: (v: PoolSummary['mode']) => <Tag color={v === 'upfront' ? 'magenta' : 'blue'}>{t(`riskPool.mode.${v}`)}</Tag> },
    { key: 'share', title: t('riskPool.field.share'), dataIndex: 'share', render: (v: number) => pct(v) },
    { key: 'collateral', title: t('riskPool.field.collateralModes'), render: (_, p) => (p.collateralModes.length ? p.collateralModes.map((c) => t(`collateral.${c}`)).join('、') : t('riskPool.allCovered')) },
    { key: 'tolerance', title: t('riskPool.field.nplTolerance'), dataIndex: 'nplTolerance', render: (v: number) => pct(v) },
    { key: 'balance', title: `${t('riskPool.field.balance')}（${t('unit.wan')}）`, dataIndex: 'balance', align: 'right', render: (v: number) => <span data-testid="pool-balance">{formatWan(v, language)}</span> },
    { key: 'paidOut', title: `${t('riskPool.field.paidOut')}（${t('unit.wan')}）`, dataIndex: 'paidOut', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'status', title: t('riskPool.field.status'), dataIndex: 'status', render: (v: PoolSummary['status']) => t(`riskPool.status.${v}`) },
  ];

  return (
    <Card
      title={t('riskPool.title')}
      data-testid="pool-list-page"
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pool-create">{t('riskPool.create')}</Button>}
    >
      <ErrorAlert error={error} onRetry={reload} />
      <Table<PoolSummary> rowKey="id" loading={loading} columns={columns} dataSource={data?.items ?? []} pagination={false} locale={{ emptyText: t('riskPool.empty') }} scroll={{ x: 'max-content' }} />
      <ModalForm<CreateValues>
        open={creating}
        testId="pool-create-modal"
        title={t('riskPool.create')}
        width={640}
        initialValues={{ mode: 'loss_sharing', sharePct: 90, tolerancePct: 3, collateralModes: [] }}
        onCancel={() => setCreating(false)}
        onSubmit={async (v) => {
          const pool = await riskPoolApi.create({
            code: v.code, name: v.name, sponsorOrgId: v.sponsorOrgId, mode: v.mode, share: Math.round(v.sharePct * 100) / 10000, nplTolerance: Math.round(v.tolerancePct * 100) / 10000,
            collateralModes: v.collateralModes ?? [], productIds: [], perLoanCap: v.perLoanCap ?? null, perBankYearCap: v.perBankYearCap ?? null, basis: v.basis,
          });
          message.success(t('common.saved'));
          setCreating(false);
          navigate(`/risk-pools/${pool.id}`);
        }}
      >
        <Form.Item name="code" label={t('riskPool.field.code')} rules={[{ required: true, message: t('common.required') }]}><Input placeholder="YP-RCP-2026" /></Form.Item>
        <Form.Item name="name" label={t('riskPool.field.name')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="sponsorOrgId" label={t('riskPool.field.sponsor')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={(orgs.data?.items ?? []).filter((o) => o.kind !== 'enterprise').map((o) => ({ value: o.id, label: o.name }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="mode" label={t('riskPool.field.mode')} rules={[{ required: true }]}>
          <Select options={(['loss_sharing', 'upfront'] as const).map((m) => ({ value: m, label: t(`riskPool.mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="sharePct" label={`${t('riskPool.field.share')} (%)`} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="collateralModes" label={t('riskPool.field.collateralModes')}>
          <Checkbox.Group options={COLLATERAL.map((c) => ({ value: c, label: t(`collateral.${c}`) }))} />
        </Form.Item>
        <Form.Item name="perLoanCap" label={t('riskPool.field.perLoanCap')}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} placeholder={t('riskPool.noCap')} /></Form.Item>
        <Form.Item name="perBankYearCap" label={t('riskPool.field.perBankYearCap')}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} placeholder={t('riskPool.noCap')} /></Form.Item>
        <Form.Item name="tolerancePct" label={`${t('riskPool.field.nplTolerance')} (%)`} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="basis" label={t('riskPool.field.basis')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={2} placeholder="杨府发〔2025〕2号 第10条" /></Form.Item>
      </ModalForm>
    </Card>
  );
}
