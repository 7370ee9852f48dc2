import { Alert, Card, Col, Descriptions, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { applicationApi } from '../../api/financing';
import type { ApplicationDetail } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFound } from '../../components/NotFound';
import { formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { collateralLabel, percent } from '../product/labels';
import { ApplicationActions } from './ApplicationActions';
import { ConsentedDataPanel } from './ConsentedDataPanel';
import { DocumentsCard } from './DocumentsCard';
import { HistoryTimeline, ProgressSteps } from './Progress';
import { StatusTag } from './StatusTag';

/** One application: progress, facts, the caller's next actions, documents, history; the bank's consented data. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const user = useUser();
  const [fresh, setFresh] = useState<ApplicationDetail | null>(null);
  const { data, error, reload } = useApi((signal) => applicationApi.get(id, signal), id);
  const a = fresh && fresh.id === id && (!data || fresh.updatedAt >= data.updatedAt) ? fresh : data;

  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (!a) return error ? <ErrorAlert error={error} onRetry={reload} /> : <Spin />;
  const wan = (v: number | null | undefined) => `${formatWan(v, language)} ${t('fin.common.wanUnit')}`;
  const bank = user.role === 'institution_user';
  const openWarnings = a.warnings.filter((w) => !w.resolvedAt);

  const tabs = [
    { key: 'history', label: t('app.tab.history'), children: <HistoryTimeline application={a} /> },
    {
      key: 'documents',
      label: `${t('app.tab.documents')} (${a.documents.length})`,
      children: <DocumentsCard application={a} onChange={reload} />,
    },
    ...(a.reviews.length > 0
      ? [
          {
            key: 'reviews',
            label: t('app.tab.reviews'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={a.reviews}
                data-testid="application-reviews"
                columns={[
                  { key: 'reviewer', title: t('app.review.reviewer'), dataIndex: 'reviewer' },
                  { key: 'score', title: t('app.form.score'), dataIndex: 'score' },
                  { key: 'decision', title: t('app.form.decision'), render: (_, r) => (r.decision ? t(`appAction.${r.decision}` as never) : '—') },
                  { key: 'opinion', title: t('app.form.opinion'), render: (_, r) => r.opinion ?? '—' },
                ]}
              />
            ),
          },
        ]
      : []),
    ...(a.assignments.length > 0
      ? [
          {
            key: 'assignments',
            label: t('app.tab.assignments'),
            children: (
              <Table
                rowKey="seq"
                size="small"
                pagination={false}
                dataSource={a.assignments}
                data-testid="application-assignments"
                columns={[
                  { key: 'seq', title: '#', dataIndex: 'seq' },
                  { key: 'bank', title: t('app.form.bank'), render: (_, s) => s.bank.name },
                  { key: 'product', title: t('app.field.product'), render: (_, s) => s.productCode ?? '—' },
                  { key: 'amount', title: t('app.form.amount'), render: (_, s) => wan(s.amount) },
                  { key: 'on', title: t('app.field.recommendedOn'), dataIndex: 'recommendedOn' },
                  { key: 'ended', title: t('app.field.endedOn'), render: (_, s) => (s.endedOn ? `${s.endedOn} ${s.endReason ?? ''}` : '—') },
                ]}
              />
            ),
          },
        ]
      : []),
    ...(bank ? [{ key: 'consented', label: t('app.tab.consented'), children: <ConsentedDataPanel enterpriseId={a.enterprise.id} /> }] : []),
  ];

  return (
    <Card
      data-testid="application-page"
      title={
        <Space wrap>
          <span data-testid="application-no">{a.applicationNo}</span>
          <StatusTag status={a.status} />
          {a.imported && <Tag>{t('app.imported')}</Tag>}
          <Typography.Text type="secondary">{a.enterprise.name}</Typography.Text>
        </Space>
      }
    >
      <ProgressSteps application={a} />
      {openWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="application-warnings"
          title={t('app.warning.crossed', { days: Math.max(...openWarnings.map((w) => w.lineDays)), bank: openWarnings[0]!.bankCode })}
        />
      )}
      <ApplicationActions application={a} onDone={(next) => { setFresh(next); reload(); }} />
      <Row gutter={16}>
        <Col xs={24} lg={bank ? 24 : 14}>
          <Descriptions bordered size="small" column={2} data-testid="application-facts">
            <Descriptions.Item label={t('app.field.enterprise')}>{a.enterprise.name}</Descriptions.Item>
            <Descriptions.Item label={t('product.field.uscc')}>{a.enterprise.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.product')}>{a.product ? `${a.product.name} v${a.product.version}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.district')}>{a.enterprise.district}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.requestedAmountShort')}>{wan(a.requestedAmount)}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.termMonths')}>{a.requestedTermMonths ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.purpose')} span={2}>{a.purpose ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.submittedOn')}>{a.submittedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('app.field.recommendation')}>
              {a.recommendation ? `${a.recommendation.bank?.name ?? '—'} · ${wan(a.recommendation.amount)} · ${a.recommendation.on}` : '—'}
            </Descriptions.Item>
            {a.approval && (
              <Descriptions.Item label={t('app.field.approval')} span={2}>
                <span data-testid="application-approval">
                  {wan(a.approval.amount)} · {percent(a.approval.rate)} · {t('fin.common.months', { n: a.approval.termMonths ?? '—' })} · {a.approval.on}
                </span>
              </Descriptions.Item>
            )}
            {a.deferralReason && (
              <Descriptions.Item label={t('app.field.deferralReason')} span={2}>{a.deferralReason}</Descriptions.Item>
            )}
            {a.loan && (
              <Descriptions.Item label={t('app.field.loan')} span={2}>
                <span data-testid="application-loan">
                  {a.loan.loanNo} · {wan(a.loan.principal)} · {percent(a.loan.annualRate)} · {a.loan.startDate} → {a.loan.maturityDate} ·{' '}
                  {collateralLabel(t, a.loan.collateralMode)} · {t(`repayment.${a.loan.repaymentMethod}` as never)}
                  {a.loan.firstTimeBorrower && <Tag color="gold" style={{ marginLeft: 8 }}>{t('app.loan.firstTime')}</Tag>}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Col>
        {!bank && (
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>{t('app.tab.history')}</Typography.Title>
            <HistoryTimeline application={a} />
          </Col>
        )}
      </Row>
      <Tabs
        style={{ marginTop: 16 }}
        defaultActiveKey={bank ? 'consented' : 'documents'}
        items={bank ? tabs : tabs.filter((x) => x.key !== 'history')}
      />
    </Card>
  );
}
