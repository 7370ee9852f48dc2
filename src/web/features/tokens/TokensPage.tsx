import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { tokenApi } from '../../api/endpoints';
import type { ApiToken } from '../../api/types';
import { useUser } from '../../app/auth';
import { useI18n, type Translate } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { SecretReveal } from './SecretReveal';

interface TokenForm {
  name: string;
  scopes: string[];
  expiresOn?: string;
}

function statusOf(token: ApiToken, now: number): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

function StatusTag({ token, t }: { token: ApiToken; t: Translate }) {
  const status = statusOf(token, Date.now());
  const color = status === 'active' ? 'green' : status === 'revoked' ? 'red' : 'default';
  return <Tag color={color}>{t(`tokens.status.${status}`)}</Tag>;
}

/** The end of the chosen calendar day in Asia/Shanghai, as an instant. */
function endOfShanghaiDay(date: string): string {
  return new Date(`${date}T23:59:59+08:00`).toISOString();
}

export function TokensPage() {
  const user = useUser();
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const tokens = useApi(() => tokenApi.list(), 'tokens');
  const scopes = useApi(() => tokenApi.scopes(), 'scopes');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  async function revoke(token: ApiToken) {
    try {
      await tokenApi.revoke(token.id);
      message.success(t('tokens.revoked'));
      tokens.reload();
    } catch (err) {
      message.error(describeError(t, err));
    }
  }

  const columns: ColumnsType<ApiToken> = [
    { key: 'name', title: t('tokens.field.name'), dataIndex: 'name' },
    {
      key: 'scopes',
      title: t('tokens.field.scopes'),
      dataIndex: 'scopes',
      render: (list: string[]) => list.map((s) => <Tag key={s}>{s}</Tag>),
    },
    { key: 'status', title: t('tokens.field.status'), render: (_, token) => <StatusTag token={token} t={t} /> },
    {
      key: 'createdAt',
      title: t('tokens.field.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, language),
    },
    {
      key: 'expiresAt',
      title: t('tokens.field.expiresAtColumn'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => formatDateTime(v, language),
    },
    {
      key: 'lastUsedAt',
      title: t('tokens.field.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v, language) : t('tokens.never')),
    },
    {
      key: 'createdBy',
      title: t('tokens.field.createdBy'),
      dataIndex: 'createdBy',
      render: (v: ApiToken['createdBy']) => v?.username ?? '—',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke(token)}>
            <Button size="small" type="link" danger data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro', { org: user.organization.name })}</Typography.Paragraph>
      <ErrorAlert error={tokens.error} onRetry={tokens.reload} />
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={tokens.loading}
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="token-table"
      />
      <ModalForm<TokenForm>
        open={creating}
        title={t('tokens.create')}
        testId="token-create-modal"
        initialValues={{ scopes: [] }}
        onCancel={() => setCreating(false)}
        onSubmit={async ({ name, scopes: chosen, expiresOn }) => {
          const created = await tokenApi.create({
            name: name.trim(),
            scopes: chosen,
            ...(expiresOn ? { expiresAt: endOfShanghaiDay(expiresOn) } : {}),
          });
          setCreating(false);
          setSecret(created.secret);
          tokens.reload();
        }}
      >
        <Form.Item name="name" label={t('tokens.field.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.field.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <Checkbox.Group options={(scopes.data?.scopes ?? []).map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('tokens.field.expiresAt')}>
          <Input type="date" data-testid="token-expires" />
        </Form.Item>
        {scopes.error ? <ErrorAlert error={scopes.error} /> : null}
      </ModalForm>
      <SecretReveal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
