import { Button, Card, Form, Input, Space, Table, message } from 'antd';
import { useState } from 'react';
import { stationApi, type Station } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { StationEditor } from './StationEditor';

/** 科技金融服务站 (seed 003 appendix 七): stations, the area and parks each serves, their officers. */
export function StationsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [n, setN] = useState(0);
  const { data, error, loading, reload } = useApi((s) => stationApi.list(s), String(n));
  const [modal, setModal] = useState<null | 'new' | { officer: Station }>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const done = () => { setModal(null); setN((x) => x + 1); };
  return (
    <Card title={t('nav.stations')} data-testid="stations-page" extra={
      <Space>
        {can(user ?? null, 'listing.manage') ? <Button onClick={async () => { try { const r = await stationApi.attribute(); message.success(t('st.attributed', { n: r.attributed })); done(); } catch (err) { message.error(describeError(t, err)); } }}>{t('st.attribute')}</Button> : null}
        {can(user ?? null, 'stations.admin') ? <Button type="primary" onClick={() => setModal('new')}>{t('st.new')}</Button> : null}
      </Space>}>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Station> rowKey="id" size="small" loading={loading} pagination={false} dataSource={data?.items ?? []} data-testid="stations-table" columns={[
        { key: 'c', title: t('st.col.code'), dataIndex: 'code' },
        { key: 'n', title: t('st.col.name'), dataIndex: 'name' },
        { key: 'h', title: t('st.col.host'), dataIndex: 'host' },
        { key: 'a', title: t('st.col.areas'), dataIndex: 'areas' },
        { key: 'o', title: t('st.col.officers'), dataIndex: 'officers', align: 'right' },
        { key: 'p', title: t('st.col.apps'), dataIndex: 'applicationsThisYear', align: 'right' },
        ...(can(user ?? null, 'stations.admin') ? [{ key: 'x', title: '', render: (_: unknown, r: Station) => (
          <Space>
            <Button size="small" onClick={() => setEditing(r.id)} data-testid={`station-edit-${r.code}`}>{t('st.edit')}</Button>
            <Button size="small" onClick={() => setModal({ officer: r })}>{t('st.addOfficer')}</Button>
          </Space>
        ) }] : []),
      ]} />
      <ModalForm<{ code: string; name: string; host: string; areas?: string; parks?: string }> open={modal === 'new'} title={t('st.new')} onCancel={() => setModal(null)}
        onSubmit={async (v) => {
          const areas = (v.areas ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [district, street] = l.split(/\s+/); return street ? { district, street } : { district }; });
          await stationApi.create({ code: v.code, name: v.name, host: v.host, areas, parks: (v.parks ?? '').split(/[,，]/).map((x) => x.trim()).filter(Boolean) });
          done();
        }}>
        <Form.Item name="code" label={t('st.field.code')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="name" label={t('st.field.name')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="host" label={t('st.field.host')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="areas" label={t('st.field.areas')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="parks" label={t('st.field.parks')}><Input /></Form.Item>
      </ModalForm>
      <ModalForm<{ name: string; phone?: string }> open={typeof modal === 'object' && modal !== null} title={t('st.addOfficer')} onCancel={() => setModal(null)}
        onSubmit={async (v) => { if (typeof modal === 'object' && modal) await stationApi.addOfficer(modal.officer.id, { name: v.name, phone: v.phone || undefined }); done(); }}>
        <Form.Item name="name" label={t('st.field.officerName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="phone" label={t('st.field.phone')}><Input /></Form.Item>
      </ModalForm>
      {editing ? <StationEditor stationId={editing} onClose={(changed) => { setEditing(null); if (changed) setN((x) => x + 1); }} /> : null}
    </Card>
  );
}
