import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { consentApi } from '../../api/financing';
import type { Consent, ConsentRead } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { GrantConsentModal } from './GrantConsentModal';

const STATUS_COLORS = { active: 'green', expired: 'default', revoked: 'red' } as const;

function ConsentList() {
  const { t, language } = useI18n();
  const user = useUser();
  const enterprise = user.role === 'enterprise_user';
  const [status, setStatus] = useState<string>(user.role === 'institution_user' ? 'active' : 'all');
  const [page, setPage] = useState(1);
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const { data, error, loading, reload } = useApi((signal) => consentApi.list({ status, page, pageSize: 20 }, signal), `${status}:${page}`);

  return (
    <div data-testid="consent-list">
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={status}
          style={{ width: 160 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={['all', 'active', 'expired', 'revoked'].map((v) => ({ value: v, label: t(`consent.status.${v}` as never) }))}
        />
        {enterprise && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="consent-grant">
            {t('consent.grant')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Consent>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="consent-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          ...(enterprise ? [] : [{ key: 'enterprise', title: t('app.field.enterprise'), render: (_: unknown, c: Consent) => c.enterprise.name }]),
          { key: 'institution', title: t('consent.field.institution'), render: (_, c) => c.institution.name },
          { key: 'clusters', title: t('consent.field.clusters'), render: (_, c) => c.clusters.map((k) => <Tag key={k}>{t(`cluster.${k}`)}</Tag>) },
          { key: 'purpose', title: t('consent.field.purpose'), dataIndex: 'purpose' },
          {
            key: 'application',
            title: t('consent.field.application'),
            render: (_, c) => (c.application ? <Link to={`/applications/${c.application.id}`}>{c.application.applicationNo}</Link> : '—'),
          },
          { key: 'lookback', title: t('consent.field.lookback'), render: (_, c) => t('fin.common.months', { n: c.lookbackMonths }) },
          { key: 'expiresOn', title: t('consent.field.expiresOn'), dataIndex: 'expiresOn' },
          {
            key: 'status',
            title: t('app.field.status'),
            render: (_, c) => (
              <Tag color={STATUS_COLORS[c.status]} data-testid="consent-status">
                {t(`consent.status.${c.status}`)}
              </Tag>
            ),
          },
          { key: 'grantedAt', title: t('consent.field.grantedAt'), render: (_, c) => formatDateTime(c.grantedAt, language) },
          ...(enterprise
            ? [
                {
                  key: 'revoke',
                  title: '',
                  render: (_: unknown, c: Consent) =>
                    c.status !== 'revoked' && (
                      <Button size="small" danger onClick={() => setRevoking(c)} data-testid="consent-revoke">
                        {t('consent.revoke')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <GrantConsentModal
        open={granting}
        onCancel={() => setGranting(false)}
        onGranted={() => {
          setGranting(false);
          reload();
        }}
      />
      <ModalForm<{ reason?: string }>
        open={!!revoking}
        title={revoking ? t('consent.revokeTitle', { institution: revoking.institution.name }) : ''}
        testId="consent-revoke-dialog"
        onCancel={() => setRevoking(null)}
        onSubmit={async (values) => {
          await consentApi.revoke(revoking!.id, values.reason || undefined);
          setRevoking(null);
          reload();
        }}
      >
        <Form.Item name="reason" label={t('fin.common.reason')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </ModalForm>
    </div>
  );
}

function ReadLog() {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => consentApi.reads({ page, pageSize: 20 }, signal), String(page));
  return (
    <div data-testid="consent-reads">
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ConsentRead>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="consent-reads-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'at', title: t('consent.read.at'), render: (_, r) => formatDateTime(r.at, language) },
          { key: 'institution', title: t('consent.field.institution'), render: (_, r) => r.institution.name },
          { key: 'who', title: t('consent.read.who'), render: (_, r) => (r.user ? `${r.user.displayName} (${r.user.username})` : r.token ? `${t('consent.read.token')} ${r.token.name}` : '—') },
          { key: 'cluster', title: t('consent.read.cluster'), render: (_, r) => t(`cluster.${r.cluster}`) },
          { key: 'enterprise', title: t('app.field.enterprise'), render: (_, r) => r.enterprise.name },
        ]}
      />
    </div>
  );
}

/** 数据授权: the enterprise grants and revokes and sees who read what; banks see what was granted to them. */
export function ConsentsPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const readLog = user.role !== 'institution_user';
  const tab = readLog && params.get('tab') === 'reads' ? 'reads' : 'consents';
  return (
    <Card title={t('nav.finConsents')} data-testid="consents-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'reads' ? { tab: 'reads' } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'consents', label: <span data-testid="consent-tab-list">{t('consent.tab.list')}</span>, children: <ConsentList /> },
          ...(readLog ? [{ key: 'reads', label: <span data-testid="consent-tab-reads">{t('consent.tab.reads')}</span>, children: <ReadLog /> }] : []),
        ]}
      />
    </Card>
  );
}
