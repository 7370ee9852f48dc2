import { Card, Col, Empty, List, Row, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring';
import { labelOr, useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { StatusTag } from '../application/StatusTag';
import { ClaimStatusTag } from '../subsidy/ClaimStatusTag';
import { formatWan } from './format';

/**
 * 企业看板 (issue #8): the enterprise's own applications, consents, subsidy claims, stored evaluations and the
 * products it qualifies for now (the matching engine's qualified list). Office staff open any enterprise's with
 * ?enterpriseId= (linked from the overview's loan lists); the server answers an enterprise user only its own.
 */
export function EnterpriseDashboardPage() {
  const { t, language } = useI18n();
  const [params] = useSearchParams();
  const enterpriseId = params.get('enterpriseId') ?? undefined;
  const { data, error, reload } = useApi((s) => monitoringApi.enterprise(enterpriseId, s), `enterprise:${enterpriseId ?? ''}`);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Card loading data-testid="enterprise-dashboard" />;
  return (
    <div data-testid="enterprise-dashboard">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="enterprise-dashboard-name">
          <Link to={`/enterprises/${data.enterprise.id}`}>{data.enterprise.name}</Link>
        </Typography.Title>
        <Typography.Text type="secondary">{data.enterprise.uscc}</Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('mon.ent.applications')} extra={<Link to="/applications">{t('mon.viewAll')}</Link>} data-testid="ent-applications">
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={data.applications}
              locale={{ emptyText: t('mon.ent.noApplications') }}
              columns={[
                { key: 'no', title: t('mon.appDrill.no'), render: (_, r) => <Link to={`/applications/${r.id}`}>{r.applicationNo}</Link> },
                { key: 'product', title: t('mon.drill.product'), render: (_, r) => r.product ?? '—' },
                { key: 'amount', title: t('mon.appDrill.requested'), align: 'right', render: (_, r) => formatWan(r.requestedAmount, language) },
                { key: 'submitted', title: t('mon.appDrill.submittedOn'), render: (_, r) => r.submittedOn ?? '—' },
                { key: 'status', title: t('mon.appDrill.status'), render: (_, r) => <StatusTag status={r.status} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('mon.ent.nextProducts')} extra={<Link to="/matches">{t('mon.viewAll')}</Link>} data-testid="ent-next-products">
            {data.nextProducts.length === 0 ? (
              <Empty description={t('mon.ent.noProducts')} />
            ) : (
              <List
                size="small"
                dataSource={data.nextProducts}
                renderItem={(p) => (
                  <List.Item data-testid="ent-next-product">
                    <List.Item.Meta title={p.name} description={`${p.owner} · ${labelOr(t, `productType.${p.type}`, p.type)}`} />
                    {p.policyProduct && <Tag color="blue">{t('mon.ent.policyProduct')}</Tag>}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('mon.ent.claims')} extra={<Link to="/subsidy/claims">{t('mon.viewAll')}</Link>} data-testid="ent-claims">
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={data.claims}
              locale={{ emptyText: t('mon.ent.noClaims') }}
              columns={[
                { key: 'no', title: t('mon.ent.claimNo'), render: (_, r) => <Link to={`/subsidy/claims/${r.id}`}>{r.number}</Link> },
                { key: 'measure', title: t('mon.subsidies.measure'), render: (_, r) => <Typography.Text code>{r.measure}</Typography.Text> },
                { key: 'amount', title: t('mon.ent.amount'), align: 'right', render: (_, r) => formatWan(r.amount, language) },
                { key: 'status', title: t('mon.appDrill.status'), render: (_, r) => <ClaimStatusTag status={r.status} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('mon.ent.consents')} extra={<Link to="/consents">{t('mon.viewAll')}</Link>} data-testid="ent-consents">
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={data.consents}
              locale={{ emptyText: t('mon.ent.noConsents') }}
              columns={[
                { key: 'institution', title: t('mon.ent.institution'), dataIndex: 'institution' },
                { key: 'clusters', title: t('mon.ent.clusters'), render: (_, r) => r.clusters.map((c) => labelOr(t, `cluster.${c}`, c)).join('、') },
                { key: 'expires', title: t('mon.ent.expiresOn'), dataIndex: 'expiresOn' },
                { key: 'active', title: t('mon.appDrill.status'), render: (_, r) => <Tag color={r.active ? 'green' : 'default'}>{t(r.active ? 'mon.ent.active' : 'mon.ent.inactive')}</Tag> },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('mon.ent.evaluations')} extra={<Link to={`/enterprises/${data.enterprise.id}?tab=evaluation`}>{t('mon.viewAll')}</Link>} data-testid="ent-evaluations">
            <Table
              size="small"
              pagination={false}
              rowKey="kind"
              dataSource={data.evaluations}
              locale={{ emptyText: t('mon.ent.noEvaluations') }}
              columns={[
                { key: 'kind', title: t('mon.ent.evaluationKind'), render: (_, r) => labelOr(t, `evaluation.kind.${r.kind}`, r.kind) },
                { key: 'year', title: t('mon.ent.year'), dataIndex: 'year' },
                { key: 'score', title: t('mon.ent.score'), align: 'right', render: (_, r) => r.score ?? '—' },
                {
                  key: 'eligible', title: t('mon.ent.eligible'),
                  render: (_, r) => (r.eligible === null ? '—' : <Tag color={r.eligible ? 'green' : 'default'}>{t(r.eligible ? 'mon.ent.yes' : 'mon.ent.no')}</Tag>),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
