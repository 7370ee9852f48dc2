import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { organizationApi, userApi } from '../../api/endpoints';
import { ROLES, type ManagedUser, type UserInput } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';

export function UsersPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const users = useApi(() => userApi.list(), 'users');
  const organizations = useApi(() => organizationApi.list(), 'organizations');
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<ManagedUser> = [
    {
      key: 'username',
      title: t('users.field.username'),
      dataIndex: 'username',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.username.localeCompare(b.username, 'en', { numeric: true }),
    },
    { key: 'displayName', title: t('users.field.displayName'), dataIndex: 'displayName' },
    {
      key: 'organization',
      title: t('users.field.organization'),
      sorter: (a, b) => a.organization.name.localeCompare(b.organization.name, 'zh-CN'),
      render: (_, u) => (
        <span>
          {u.organization.name} <Tag>{t(`orgKind.${u.organization.kind}`)}</Tag>
        </span>
      ),
    },
    {
      key: 'role',
      title: t('users.field.role'),
      dataIndex: 'role',
      sorter: (a, b) => a.role.localeCompare(b.role),
      render: (v: ManagedUser['role']) => t(`role.${v}`),
    },
    {
      key: 'status',
      title: t('users.field.status'),
      render: (_, u) => {
        if (u.disabled) return <Tag color="red">{t('users.status.disabled')}</Tag>;
        if (u.lockedUntil && Date.parse(u.lockedUntil) > Date.now())
          return <Tag color="orange">{t('users.status.locked', { until: formatDateTime(u.lockedUntil, language) })}</Tag>;
        return <Tag color="green">{t('users.status.active')}</Tag>;
      },
    },
  ];

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('users.create')}
        </Button>
      }
    >
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Table<ManagedUser>
        rowKey="id"
        size="middle"
        loading={users.loading}
        columns={columns}
        dataSource={users.data?.items ?? []}
        data-testid="user-table"
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
      />
      <ModalForm<UserInput>
        open={creating}
        title={t('users.create')}
        testId="user-create-modal"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          await userApi.create({ ...values, username: values.username.trim() });
          message.success(t('users.created'));
          setCreating(false);
          users.reload();
        }}
      >
        <Form.Item name="username" label={t('users.field.username')} rules={[{ required: true, message: t('common.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.field.displayName')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="organizationId"
          label={t('users.field.organization')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={organizations.loading}
            options={(organizations.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${t(`orgKind.${o.kind}`)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('users.field.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {organizations.error ? <ErrorAlert error={organizations.error} /> : null}
      </ModalForm>
    </Card>
  );
}
