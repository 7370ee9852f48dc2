import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { meetingApi } from '../../api/financing';
import type { MeetingsReply } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { todayShanghai } from './labels';

type By = MeetingsReply['by'];

/** 评审会: the meeting records (officers create them) and review throughput by meeting or period. */
export function MeetingsPage() {
  const { t } = useI18n();
  const user = useUser();
  const [by, setBy] = useState<By>('meeting');
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useApi((signal) => meetingApi.list({ by }, signal), by);
  const officer = user.role === 'officer' || user.role === 'admin';
  const figures = [
    { key: 'reviewed', title: t('meeting.reviewed'), dataIndex: 'reviewed', align: 'right' as const },
    { key: 'recommended', title: t('meeting.recommended'), dataIndex: 'recommended', align: 'right' as const },
    { key: 'deferred', title: t('meeting.deferred'), dataIndex: 'deferred', align: 'right' as const },
    { key: 'rejected', title: t('meeting.rejected'), dataIndex: 'rejected', align: 'right' as const },
  ];

  return (
    <Card
      title={t('nav.finMeetings')}
      data-testid="meetings-page"
      extra={
        officer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
            {t('meeting.new')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Segmented<By>
          value={by}
          onChange={setBy}
          options={(['meeting', 'month', 'quarter', 'year'] as const).map((v) => ({ value: v, label: t(`meeting.by.${v}`) }))}
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data?.total && (
        <Typography.Paragraph data-testid="meetings-total">
          {t('meeting.total', { meetings: data.total.meetings, reviewed: data.total.reviewed, recommended: data.total.recommended })}
        </Typography.Paragraph>
      )}
      {by === 'meeting' ? (
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.meetings ?? []}
          data-testid="meetings-table"
          columns={[
            { key: 'heldOn', title: t('meeting.heldOn'), dataIndex: 'heldOn' },
            { key: 'title', title: t('meeting.title'), dataIndex: 'title' },
            ...figures,
            { key: 'scores', title: t('meeting.scores'), dataIndex: 'scores', align: 'right' as const },
            { key: 'notes', title: t('fin.common.note'), render: (_, m) => m.notes ?? '' },
          ]}
        />
      ) : (
        <Table
          rowKey="period"
          size="small"
          loading={loading}
          dataSource={data?.periods ?? []}
          columns={[
            { key: 'period', title: t('meeting.period'), dataIndex: 'period' },
            { key: 'meetings', title: t('meeting.count'), dataIndex: 'meetings', align: 'right' as const },
            ...figures,
          ]}
        />
      )}
      <ModalForm<{ heldOn: string; title: string; notes?: string }>
        open={creating}
        title={t('meeting.new')}
        testId="meeting-form"
        initialValues={{ heldOn: todayShanghai() }}
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          await meetingApi.create({ ...values, notes: values.notes || undefined });
          setCreating(false);
          reload();
        }}
      >
        <Form.Item name="heldOn" label={t('meeting.heldOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="meeting-held-on" />
        </Form.Item>
        <Form.Item name="title" label={t('meeting.title')} rules={[{ required: true }]}>
          <Input data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="notes" label={t('fin.common.note')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </ModalForm>
    </Card>
  );
}
