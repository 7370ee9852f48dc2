import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { enterpriseApi } from '../../api/endpoints';
import { listingApi, type PoolItem } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { BOARDS, lbl, TIER_COLOR, TIERS } from './labels';

/** 上市企业培育库: the pool filtered by tier, board, sector and account officer; officers nominate enterprises. */
export function PoolPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const query = { page, pageSize: 20, tier: params.get('tier') ?? undefined, board: params.get('board') ?? undefined, officer: params.get('officer') ?? undefined, q: params.get('q') ?? undefined };
  const { data, error, loading, reload } = useApi((s) => listingApi.pool(query, s), JSON.stringify(query));
  const officers = useApi((s) => listingApi.officers(s), 'officers');
  const [nominating, setNominating] = useState(false);
  const [search, setSearch] = useState('');
  const found = useApi((s) => (search ? enterpriseApi.list({ q: search, page: 1, pageSize: 20 } as never, s) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 20 })), search);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const columns = [
    { key: 'name', title: t('lst.col.enterprise'), render: (_: unknown, r: PoolItem) => <Link to={`/listing/pool/${r.enterpriseId}`}>{r.name}</Link> },
    { key: 'sector', title: t('lst.col.sector'), dataIndex: 'sector' },
    { key: 'tier', title: t('lst.col.tier'), render: (_: unknown, r: PoolItem) => <Tag color={TIER_COLOR[r.tier]}>{lbl(t, 'lst.tier', r.tier)}</Tag> },
    { key: 'board', title: t('lst.col.board'), render: (_: unknown, r: PoolItem) => lbl(t, 'lst.board', r.targetBoard) },
    { key: 'officer', title: t('lst.col.officer'), render: (_: unknown, r: PoolItem) => r.officer?.displayName ?? t('lst.unassigned') },
    { key: 'enteredOn', title: t('lst.col.enteredOn'), dataIndex: 'enteredOn' },
    { key: 'last', title: t('lst.col.lastService'), render: (_: unknown, r: PoolItem) => r.lastServiceOn ?? '—' },
    { key: 'next', title: t('lst.col.nextFollowUp'), render: (_: unknown, r: PoolItem) => r.nextFollowUpOn ?? '—' },
  ];
  return (
    <Card title={t('nav.listingPool')} data-testid="pool-page" extra={can(user ?? null, 'listing.manage') ? <Button type="primary" onClick={() => setNominating(true)} data-testid="pool-nominate">{t('lst.nominate')}</Button> : null}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('lst.filter.q')} defaultValue={query.q} onSearch={(v) => set('q', v || undefined)} style={{ width: 240 }} data-testid="pool-q" />
        <Select allowClear placeholder={t('lst.filter.allTiers')} value={query.tier} onChange={(v: string | undefined) => set('tier', v)} style={{ width: 140 }} options={TIERS.map((x) => ({ value: x, label: lbl(t, 'lst.tier', x) }))} data-testid="pool-tier" />
        <Select allowClear placeholder={t('lst.filter.allBoards')} value={query.board} onChange={(v: string | undefined) => set('board', v)} style={{ width: 180 }} options={BOARDS.map((x) => ({ value: x, label: lbl(t, 'lst.board', x) }))} />
        <Select allowClear placeholder={t('lst.filter.allOfficers')} value={query.officer} onChange={(v: string | undefined) => set('officer', v)} style={{ width: 200 }} options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.displayName }))} />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<PoolItem> rowKey="enterpriseId" size="small" loading={loading} dataSource={data?.items ?? []} columns={columns} data-testid="pool-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }} />
      <ModalForm<{ enterpriseId: string; targetBoard: string; reason: string; officerUserId?: string }>
        open={nominating} title={t('lst.nominate')} testId="nominate-form" onCancel={() => setNominating(false)}
        onSubmit={async (v) => { const e = await listingApi.nominate(v); setNominating(false); navigate(`/listing/pool/${e.enterpriseId}`); }}>
        <Form.Item name="enterpriseId" label={t('lst.field.enterprise')} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={setSearch} options={(found.data?.items ?? []).map((e: { id: string; name: string; uscc: string }) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))} data-testid="nominate-enterprise" />
        </Form.Item>
        <Form.Item name="targetBoard" label={t('lst.col.board')} rules={[{ required: true }]}>
          <Select options={BOARDS.map((x) => ({ value: x, label: lbl(t, 'lst.board', x) }))} showSearch optionFilterProp="label" data-testid="nominate-board" />
        </Form.Item>
        <Form.Item name="reason" label={t('lst.field.reason')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="nominate-reason" /></Form.Item>
        <Form.Item name="officerUserId" label={t('lst.field.officer')}>
          <Select allowClear options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.displayName }))} />
        </Form.Item>
      </ModalForm>
    </Card>
  );
}
