import { Button, Drawer, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { listingApi, stationApi, type StationDetail } from '../../api/listing';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';

type Officer = StationDetail['officers'][number];
interface StationValues { name: string; host: string; areas?: string; parks?: string; active: boolean }
interface OfficerValues { name: string; phone?: string; userId?: string; active?: boolean }

/** Areas as the form writes them: one per line, "区" or "区 街道". */
const areasText = (areas: StationDetail['areas']) => areas.map((a) => (a.street ? `${a.district} ${a.street}` : a.district)).join('\n');
const parseAreas = (text: string | undefined) =>
  (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [district, street] = l.split(/\s+/); return street ? { district, street } : { district }; });
const parseParks = (text: string | undefined) => (text ?? '').split(/[,，]/).map((x) => x.trim()).filter(Boolean);

/** An administrator edits a station: its name, host, the area and parks it serves, whether it is active, and its officers. */
export function StationEditor({ stationId, onClose }: { stationId: string; onClose(changed: boolean): void }) {
  const { t } = useI18n();
  const [n, setN] = useState(0);
  const [changed, setChanged] = useState(false);
  const { data, error, reload } = useApi((s) => stationApi.get(stationId, s), `${stationId}:${n}`);
  const accounts = useApi((s) => listingApi.officers(s), 'officers');
  const [modal, setModal] = useState<null | 'station' | 'add' | { officer: Officer }>(null);
  const saved = () => { setModal(null); setChanged(true); setN((x) => x + 1); };
  const accountName = (id: string | null) => (id ? accounts.data?.items.find((u) => u.id === id)?.displayName ?? id : '—');
  const accountField = (
    <Form.Item name="userId" label={t('st.field.account')}>
      <Select allowClear data-testid="officer-account" options={(accounts.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
    </Form.Item>
  );
  return (
    <Drawer open width={720} title={data ? t('st.edit.title', { name: data.name }) : t('st.edit')} onClose={() => onClose(changed)} data-testid="station-editor">
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong>{data.code}</Typography.Text>
              <Typography.Text>{data.host}</Typography.Text>
              {data.active ? <Tag color="green">{t('st.active')}</Tag> : <Tag>{t('st.inactive')}</Tag>}
              <Button size="small" onClick={() => setModal('station')} data-testid="station-edit-details">{t('st.edit.details')}</Button>
            </Space>
            <div data-testid="station-areas"><Typography.Text type="secondary">{t('st.col.areas')}：</Typography.Text>{data.areas.map((a) => `${a.district}${a.street ?? ''}`).join('、') || '—'}</div>
            <div data-testid="station-parks"><Typography.Text type="secondary">{t('st.field.parksShort')}：</Typography.Text>{data.parks.join('、') || '—'}</div>
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('st.col.officers')}</Typography.Title>
          <Table<Officer> rowKey="id" size="small" pagination={false} dataSource={data.officers} data-testid="station-officers" columns={[
            { key: 'n', title: t('st.field.officerName'), dataIndex: 'name' },
            { key: 'p', title: t('st.field.phone'), render: (_, o) => o.phone ?? '—' },
            { key: 'u', title: t('st.field.account'), render: (_, o) => accountName(o.userId) },
            { key: 'a', title: t('st.field.active'), render: (_, o) => (o.active ? <Tag color="green">{t('st.active')}</Tag> : <Tag>{t('st.inactive')}</Tag>) },
            { key: 'x', title: '', render: (_, o) => <Button size="small" onClick={() => setModal({ officer: o })} data-testid={`officer-edit-${o.name}`}>{t('st.edit')}</Button> },
          ]} />
          <Button style={{ marginTop: 8 }} onClick={() => setModal('add')} data-testid="officer-add">{t('st.addOfficer')}</Button>
          <ModalForm<StationValues> open={modal === 'station'} title={t('st.edit.details')} testId="station-form"
            initialValues={{ name: data.name, host: data.host, areas: areasText(data.areas), parks: data.parks.join('，'), active: data.active }}
            onCancel={() => setModal(null)}
            onSubmit={async (v) => { await stationApi.update(stationId, { name: v.name, host: v.host, areas: parseAreas(v.areas), parks: parseParks(v.parks), active: v.active }); saved(); }}>
            <Form.Item name="name" label={t('st.field.name')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="host" label={t('st.field.host')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="areas" label={t('st.field.areas')}><Input.TextArea rows={3} data-testid="station-areas-input" /></Form.Item>
            <Form.Item name="parks" label={t('st.field.parks')}><Input data-testid="station-parks-input" /></Form.Item>
            <Form.Item name="active" label={t('st.field.active')} valuePropName="checked"><Switch /></Form.Item>
          </ModalForm>
          <ModalForm<OfficerValues> open={modal === 'add'} title={t('st.addOfficer')} testId="officer-add-form" onCancel={() => setModal(null)}
            onSubmit={async (v) => { await stationApi.addOfficer(stationId, { name: v.name, phone: v.phone || undefined, userId: v.userId || undefined }); saved(); }}>
            <Form.Item name="name" label={t('st.field.officerName')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="phone" label={t('st.field.phone')}><Input /></Form.Item>
            {accountField}
          </ModalForm>
          <ModalForm<OfficerValues> open={typeof modal === 'object' && modal !== null} title={t('st.edit.officer')} testId="officer-form"
            initialValues={typeof modal === 'object' && modal ? { name: modal.officer.name, phone: modal.officer.phone ?? '', ...(modal.officer.userId ? { userId: modal.officer.userId } : {}), active: modal.officer.active } : {}}
            onCancel={() => setModal(null)}
            onSubmit={async (v) => {
              if (typeof modal !== 'object' || !modal) return;
              await stationApi.updateOfficer(stationId, modal.officer.id, { name: v.name, phone: v.phone ? v.phone : null, userId: v.userId ?? null, active: v.active ?? true });
              saved();
            }}>
            <Form.Item name="name" label={t('st.field.officerName')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="phone" label={t('st.field.phone')}><Input /></Form.Item>
            {accountField}
            <Form.Item name="active" label={t('st.field.active')} valuePropName="checked"><Switch data-testid="officer-active" /></Form.Item>
          </ModalForm>
        </>
      ) : null}
    </Drawer>
  );
}
