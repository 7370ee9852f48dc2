import { AutoComplete, Button, Descriptions, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { enterpriseApi } from '../../api/endpoints';
import { CERTIFICATION_TYPES, type CertificationRecord, type EnterpriseDetail } from '../../api/types';
import { labelOr, useI18n } from '../../app/i18n';
import { formatDateTime, orDash } from '../../components/format';
import { ModalForm, withoutBlanks } from '../../components/ModalForm';
import { useDelete } from './useDelete';

interface Props {
  enterprise: EnterpriseDetail;
  editable: boolean;
  onChanged(): void;
}

type CertificationForm = Omit<CertificationRecord, 'id'>;

export function ProfileTab({ enterprise: e, editable, onChanged }: Props) {
  const { t, language } = useI18n();
  const [adding, setAdding] = useState(false);
  const remove = useDelete(onChanged);
  const records = e.certificationRecords;

  const columns: ColumnsType<CertificationRecord> = [
    { key: 'type', title: t('cert.field.type'), dataIndex: 'type', render: (v: string) => labelOr(t, `cert.${v}`, v) },
    { key: 'certificateNo', title: t('cert.field.certificateNo'), dataIndex: 'certificateNo', render: orDash },
    { key: 'issuedOn', title: t('cert.field.issuedOn'), dataIndex: 'issuedOn' },
    { key: 'expiresOn', title: t('cert.field.expiresOn'), dataIndex: 'expiresOn', render: orDash },
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, c) => (
        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove(() => enterpriseApi.deleteCertification(e.id, c.id))}>
          <Button size="small" type="link" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="profile-tab">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('enterprise.field.name')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.uscc')}>
          <Typography.Text code copyable>
            {e.uscc}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.sector')}>{labelOr(t, `sector.${e.sector}`, e.sector)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.industryCode')}>{orDash(e.industryCode)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.district')}>{orDash(e.district)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.street')}>{orDash(e.street)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.foundedOn')}>{orDash(e.foundedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.listingStatus')}>
          {labelOr(t, `listing.${e.listingStatus}`, e.listingStatus)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.certifications')} span={2}>
          {e.certifications.length === 0
            ? '—'
            : e.certifications.map((c) => (
                <Tag key={c} color="blue">
                  {labelOr(t, `cert.${c}`, c)}
                </Tag>
              ))}
        </Descriptions.Item>
        {e.createdAt && (
          <Descriptions.Item label={t('enterprise.field.createdAt')}>{formatDateTime(e.createdAt, language)}</Descriptions.Item>
        )}
        {e.updatedAt && (
          <Descriptions.Item label={t('enterprise.field.updatedAt')}>{formatDateTime(e.updatedAt, language)}</Descriptions.Item>
        )}
      </Descriptions>

      {records && (
        <>
          <Space style={{ margin: '24px 0 12px', justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('enterprise.detail.certRecords')}
            </Typography.Title>
            {editable && (
              <Button onClick={() => setAdding(true)} data-testid="cert-add">
                {t('cert.add')}
              </Button>
            )}
          </Space>
          <Table<CertificationRecord>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={records}
            pagination={false}
            data-testid="cert-table"
          />
        </>
      )}

      <ModalForm<CertificationForm>
        open={adding}
        title={t('cert.add')}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await enterpriseApi.addCertification(e.id, withoutBlanks(values) as CertificationForm);
          setAdding(false);
          onChanged();
        }}
      >
        <Form.Item name="type" label={t('cert.field.type')} rules={[{ required: true, message: t('common.required') }]}>
          <AutoComplete options={CERTIFICATION_TYPES.map((c) => ({ value: c, label: t(`cert.${c}`) }))} />
        </Form.Item>
        <Form.Item name="certificateNo" label={t('cert.field.certificateNo')}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('cert.field.issuedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('cert.field.expiresOn')}>
          <Input type="date" />
        </Form.Item>
      </ModalForm>
    </div>
  );
}
