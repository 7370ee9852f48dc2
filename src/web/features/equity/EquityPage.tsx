import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { equityApi, type EquityNeed, type Investment } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { lbl, ROUNDS } from '../listing/labels';

/**
 * 股权融资需求: an enterprise posts its needs and chooses who sees them; a fund browses what it was shown, expresses
 * interest and records investments (which become the enterprise's financing rounds); office staff see everything.
 */
export function EquityPage() {
  const { t, language } = useI18n();
  const { user } = useAuth();
  const isFund = user?.role === 'institution_user' && user.organization.kind === 'fund';
  const isEnterprise = user?.role === 'enterprise_user';
  const isStaff = user?.role === 'admin' || user?.role === 'officer';
  const [n, setN] = useState(0);
  const needs = useApi((s) => equityApi.needs({ pageSize: 100 }, s), `needs:${n}`);
  const investments = useApi((s) => equityApi.investments({ pageSize: 100 }, s), `inv:${n}`);
  const [modal, setModal] = useState<null | 'need' | { invest: EquityNeed | null }>(null);
  if (user?.role === 'institution_user' && !isFund) return <Alert type="info" showIcon message={t('eq.noBank')} data-testid="equity-nobank" />;
  const done = () => { setModal(null); setN((x) => x + 1); };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="equity-page">
      <Card title={t('nav.equityNeeds')} extra={isEnterprise ? <Button type="primary" onClick={() => setModal('need')} data-testid="need-new">{t('eq.newNeed')}</Button> : null}>
        <ErrorAlert error={needs.error} onRetry={needs.reload} />
        <Table<EquityNeed> rowKey="id" size="small" pagination={false} dataSource={needs.data?.items ?? []} data-testid="needs-table" columns={[
          { key: 'e', title: t('lst.col.enterprise'), render: (_, r) => `${r.enterprise.name}（${r.enterprise.sector}）` },
          { key: 'r', title: t('eq.col.round'), render: (_, r) => lbl(t, 'eq.round', r.round) },
          { key: 'a', title: t('eq.col.amount'), align: 'right', render: (_, r) => formatWan(r.amount, language) },
          { key: 'u', title: t('eq.col.use'), dataIndex: 'useOfFunds' },
          ...(isFund ? [] : [{ key: 'v', title: t('eq.col.visibility'), render: (_: unknown, r: EquityNeed) => lbl(t, 'eq.vis', r.visibility) }, { key: 'i', title: t('eq.col.interests'), render: (_: unknown, r: EquityNeed) => String(r.interests ?? 0) }]),
          { key: 's', title: t('lst.col.status'), render: (_, r) => <Tag>{r.status}</Tag> },
          { key: 'x', title: '', render: (_, r) => (
            <Space>
              {isFund ? (r.interested
                ? <Button size="small" onClick={async () => { await equityApi.withdraw(r.id); done(); }}>{t('eq.withdraw')}</Button>
                : <Button size="small" type="primary" onClick={async () => { await equityApi.interest(r.id); done(); }} data-testid={`interest-${r.id}`}>{t('eq.interest')}</Button>) : null}
              {isFund || isStaff ? <Button size="small" onClick={() => setModal({ invest: r })}>{t('eq.invest')}</Button> : null}
              {isEnterprise ? <Button size="small" onClick={async () => { await equityApi.updateNeed(r.id, { status: r.status === 'open' ? 'closed' : 'open' }); done(); }}>{t(r.status === 'open' ? 'eq.close' : 'eq.reopen')}</Button> : null}
            </Space>
          ) },
        ]} />
      </Card>
      <Card title={t('eq.investments')} extra={isStaff ? <Button onClick={() => setModal({ invest: null })}>{t('eq.invest')}</Button> : null}>
        <Table<Investment> rowKey="id" size="small" pagination={false} dataSource={investments.data?.items ?? []} data-testid="investments-table" columns={[
          { key: 'e', title: t('lst.col.enterprise'), render: (_, r) => r.enterprise.name },
          { key: 'f', title: t('eq.col.fund'), render: (_, r) => r.fund?.name ?? '—' },
          { key: 'r', title: t('eq.col.round'), render: (_, r) => lbl(t, 'eq.round', r.round) },
          { key: 'd', title: t('eq.col.investedOn'), dataIndex: 'investedOn' },
          { key: 'a', title: t('eq.col.amount'), align: 'right', render: (_, r) => formatWan(r.amount, language) },
          { key: 'g', title: t('eq.col.guidance'), render: (_, r) => (r.guidanceParticipation ? <Tag color="gold">{lbl(t, 'eq.guidance', r.guidanceParticipation)}</Tag> : '—') },
          { key: 'i', title: t('eq.col.investors'), dataIndex: 'investors' },
        ]} />
      </Card>
      <ModalForm<{ round: string; amount: number; useOfFunds: string; visibility: string; funds?: string; showFinancials?: boolean }> open={modal === 'need'} title={t('eq.newNeed')} testId="need-form"
        initialValues={{ visibility: 'all_funds' }} onCancel={() => setModal(null)}
        onSubmit={async (v) => { await equityApi.createNeed({ round: v.round, amount: v.amount, useOfFunds: v.useOfFunds, visibility: v.visibility, showFinancials: v.showFinancials ?? false, ...(v.visibility === 'selected_funds' ? { funds: (v.funds ?? '').split(/[,，\s]+/).filter(Boolean) } : {}) }); done(); }}>
        <Form.Item name="round" label={t('eq.col.round')} rules={[{ required: true }]}><Select options={ROUNDS.map((x) => ({ value: x, label: lbl(t, 'eq.round', x) }))} showSearch optionFilterProp="label" data-testid="need-round" /></Form.Item>
        <Form.Item name="amount" label={t('lst.field.amount')} rules={[{ required: true }]}><InputNumber min={0.01} style={{ width: '100%' }} data-testid="need-amount" /></Form.Item>
        <Form.Item name="useOfFunds" label={t('eq.col.use')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="need-use" /></Form.Item>
        <Form.Item name="visibility" label={t('eq.col.visibility')}><Select options={['private', 'all_funds', 'selected_funds'].map((x) => ({ value: x, label: lbl(t, 'eq.vis', x) }))} /></Form.Item>
        <Form.Item name="funds" label={t('eq.field.funds')}><Input /></Form.Item>
        <Form.Item name="showFinancials" valuePropName="checked"><Checkbox>{t('eq.field.showFinancials')}</Checkbox></Form.Item>
      </ModalForm>
      <ModalForm<{ enterpriseId?: string; fundCode?: string; round: string; investedOn: string; amount: number; investors: string; guidanceParticipation?: string }>
        open={typeof modal === 'object' && modal !== null} title={t('eq.invest')} onCancel={() => setModal(null)}
        initialValues={typeof modal === 'object' && modal?.invest ? { round: modal.invest.round } : {}}
        onSubmit={async (v) => {
          const need = typeof modal === 'object' && modal ? modal.invest : null;
          await equityApi.invest({ enterpriseId: need?.enterprise.id ?? v.enterpriseId, needId: need?.id, fundCode: isFund ? undefined : v.fundCode || undefined, round: v.round, investedOn: v.investedOn, amount: v.amount, investors: v.investors, guidanceParticipation: v.guidanceParticipation });
          done();
        }}>
        {typeof modal === 'object' && modal && !modal.invest ? <Form.Item name="enterpriseId" label="enterpriseId" rules={[{ required: true }]}><Input /></Form.Item> : null}
        {!isFund ? <Form.Item name="fundCode" label={t('eq.field.fundCode')}><Input /></Form.Item> : null}
        <Form.Item name="round" label={t('eq.col.round')} rules={[{ required: true }]}><Select options={ROUNDS.map((x) => ({ value: x, label: lbl(t, 'eq.round', x) }))} /></Form.Item>
        <Form.Item name="investedOn" label={t('eq.col.investedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="amount" label={t('lst.field.amount')} rules={[{ required: true }]}><InputNumber min={0.01} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="investors" label={t('eq.col.investors')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="guidanceParticipation" label={t('eq.col.guidance')}><Select allowClear options={['mother_fund', 'participating', 'direct'].map((x) => ({ value: x, label: lbl(t, 'eq.guidance', x) }))} /></Form.Item>
      </ModalForm>
    </Space>
  );
}
