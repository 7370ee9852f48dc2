import { Button, Form, Input, Popconfirm, Select, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { enterpriseApi } from '../../api/endpoints';
import { IP_KINDS, IP_STATUSES, type IpAsset, type IpStatus } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { orDash } from '../../components/format';
import { ModalForm, withoutBlanks } from '../../components/ModalForm';
import { useDelete } from './useDelete';

interface Props {
  enterpriseId: string;
  ipAssets: IpAsset[];
  editable: boolean;
  onChanged(): void;
}

const statusColor: Record<IpStatus, string> = { pending: 'gold', granted: 'green', expired: 'default', invalid: 'red' };

export function IpAssetsTab({ enterpriseId, ipAssets, editable, onChanged }: Props) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const remove = useDelete(onChanged);

  const columns: ColumnsType<IpAsset> = [
    { key: 'kind', title: t('ip.field.kind'), dataIndex: 'kind', render: (v: IpAsset['kind']) => t(`ipKind.${v}`) },
    { key: 'number', title: t('ip.field.number'), dataIndex: 'number' },
    { key: 'title', title: t('ip.field.title'), dataIndex: 'title', render: orDash },
    { key: 'appliedOn', title: t('ip.field.appliedOn'), dataIndex: 'appliedOn', render: orDash },
    { key: 'grantedOn', title: t('ip.field.grantedOn'), dataIndex: 'grantedOn', render: orDash },
    {
      key: 'status',
      title: t('ip.field.status'),
      dataIndex: 'status',
      render: (v: IpStatus) => <Tag color={statusColor[v]}>{t(`ipStatus.${v}`)}</Tag>,
    },
    {
      key: 'pledged',
      title: t('ip.field.pledged'),
      dataIndex: 'pledged',
      render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
    },
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, ip) => (
        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove(() => enterpriseApi.deleteIpAsset(enterpriseId, ip.id))}>
          <Button size="small" type="link" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="ip-tab">
      {editable && (
        <Button style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="ip-add">
          {t('ip.add')}
        </Button>
      )}
      <Table<IpAsset> rowKey="id" size="small" columns={columns} dataSource={ipAssets} scroll={{ x: 'max-content' }} />
      <ModalForm<Omit<IpAsset, 'id'>>
        open={adding}
        title={t('ip.add')}
        initialValues={{ status: 'granted', pledged: false }}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await enterpriseApi.addIpAsset(enterpriseId, { ...withoutBlanks(values), pledged: !!values.pledged } as Omit<IpAsset, 'id'>);
          setAdding(false);
          onChanged();
        }}
      >
        <Form.Item name="kind" label={t('ip.field.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={IP_KINDS.map((k) => ({ value: k, label: t(`ipKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('ip.field.number')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('ip.field.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="appliedOn" label={t('ip.field.appliedOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="grantedOn" label={t('ip.field.grantedOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="status" label={t('ip.field.status')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={IP_STATUSES.map((s) => ({ value: s, label: t(`ipStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="pledged" label={t('ip.field.pledged')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </ModalForm>
    </div>
  );
}
