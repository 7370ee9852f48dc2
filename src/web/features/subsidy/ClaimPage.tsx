import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Table, Tag, Timeline, Typography, Upload, message } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { claimApi, policyApi } from '../../api/subsidy';
import type { ClaimDetail, ClaimResult, UserRef } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { labelOr, useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { NotFound } from '../../components/NotFound';
import { useApi } from '../../components/useApi';
import { factLabel } from '../policy/FactFields';
import { formatYuanExact } from '../policy/money';
import { ResultExplanation } from '../policy/ResultExplanation';
import { useMeasures } from '../policy/useMeasures';
import { ClaimActions, ResolveObjection } from './ClaimActions';
import { ClaimStatusTag } from './ClaimStatusTag';

/** Before a determination the page asks the engine what it would decide now (without the beneficiary's other grants). */
function usePreview(claim: ClaimDetail | undefined): ClaimResult | null {
  const [preview, setPreview] = useState<ClaimResult | null>(null);
  const key = claim && !claim.determination ? `${claim.id}:${claim.updatedAt}` : '';
  useEffect(() => {
    setPreview(null);
    if (!claim || claim.determination) return;
    let live = true;
    policyApi
      .evaluate({
        beneficiary: {
          uscc: claim.beneficiary.uscc,
          kind: claim.beneficiary.kind,
          registeredInYangpu: claim.beneficiary.registeredInYangpu,
          registeredInShanghai: claim.beneficiary.registeredInShanghai,
        },
        claims: [{ id: claim.number, measure: claim.measure, eventDate: claim.eventDate, ...(claim.matter ? { matter: claim.matter } : {}), facts: claim.facts }],
      })
      .then((r) => live && setPreview(r.results[0] ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // Re-evaluate when the claim changes, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return preview;
}

/** An officer as people know them: 王芳 (wangfang). */
const person = (u: UserRef | null) => (u ? (u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username) : '—');

/** One claim: facts, evidence, the engine's explanation, what happened so far and what may happen next. */
export function ClaimPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const user = useUser();
  const claimant = user.role === 'enterprise_user' || user.role === 'institution_user';
  const loaded = useApi((signal) => claimApi.get(id, signal), id);
  const [claim, setClaim] = useState<ClaimDetail | undefined>();
  useEffect(() => setClaim(loaded.data), [loaded.data]);
  const preview = usePreview(claim);
  const measures = useMeasures();
  const [uploading, setUploading] = useState(false);

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFound />;
  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!claim) return <Spin style={{ display: 'block', marginTop: 64 }} />;

  const d = claim.determination;
  const result = d?.result ?? preview;
  const factLabels = new Map(
    (measures.data?.measures.find((m) => m.id === claim.measure)?.facts ?? []).map((f) => [f.name, factLabel(f, language)]),
  );
  const canUpload = user.role !== 'auditor' && ['draft', 'submitted', 'under_review'].includes(claim.status);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="claim-page">
      <Card
        title={
          <Space>
            <span data-testid="claim-number">{claim.number}</span>
            <ClaimStatusTag status={claim.status} />
            {claim.origin === 'proactive' && <Tag color="magenta">{t('claim.origin.proactive')}</Tag>}
          </Space>
        }
        extra={<Link to="/subsidy/claims">{t('claim.backToList')}</Link>}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'measure', label: t('claim.field.measure'), children: <span data-testid="claim-measure">{claim.measure} {result && language !== 'en-US' ? result.title : ''}</span> },
            {
              key: 'beneficiary',
              label: t('claim.field.beneficiary'),
              // Office staff and auditors open the enterprise's other claims; claimants see only their own anyway.
              children:
                claim.beneficiary.enterpriseId && !claimant ? (
                  <Link to={`/subsidy/claims?enterpriseId=${claim.beneficiary.enterpriseId}`} data-testid="claim-enterprise-claims">
                    {claim.beneficiary.name}
                  </Link>
                ) : (
                  claim.beneficiary.name
                ),
            },
            { key: 'uscc', label: t('claim.field.uscc'), children: <Typography.Text code>{claim.beneficiary.uscc}</Typography.Text> },
            { key: 'eventDate', label: t('claim.field.eventDate'), children: claim.eventDate },
            { key: 'matter', label: t('claim.field.matter'), children: claim.matter ?? '—' },
            {
              key: 'amount',
              label: t('claim.field.amount'),
              children: (
                <strong data-testid="claim-amount">
                  {claim.amount === null ? '—' : `${formatYuanExact(claim.amount, language)} ${t('unit.yuan')}`}
                </strong>
              ),
            },
            ...(d
              ? [
                  { key: 'engineAmount', label: t('claim.field.engineAmount'), children: `${formatYuanExact(d.engineAmount, language)} ${t('unit.yuan')}` },
                  {
                    key: 'determinedBy',
                    label: t('claim.history.determine'),
                    children: <span data-testid="claim-determined-by">{`${person(d.determinedBy)} · ${formatDateTime(d.determinedAt, language)}`}</span>,
                  },
                  ...(d.adjustmentReason ? [{ key: 'adj', label: t('claim.field.adjustmentReason'), children: d.adjustmentReason }] : []),
                  {
                    key: 'second',
                    label: t('claim.field.secondApproval'),
                    children: !d.needsSecondApproval ? (
                      t('claim.second.notNeeded')
                    ) : d.secondApprovedBy ? (
                      <Tag color="green" data-testid="second-approval">
                        {t('claim.second.done', { at: `${person(d.secondApprovedBy)} · ${formatDateTime(d.secondApprovedAt, language)}` })}
                      </Tag>
                    ) : (
                      <Tag color="orange" data-testid="second-approval">{t('claim.second.pending')}</Tag>
                    ),
                  },
                  { key: 'version', label: t('claim.field.rulesetVersion'), children: <Typography.Text code>{d.rulesetVersion}</Typography.Text> },
                ]
              : []),
            ...(claim.notice ? [{ key: 'notice', label: t('claim.field.notice'), children: <span data-testid="claim-notice">{`${claim.notice.from} ~ ${claim.notice.to}`}</span> }] : []),
            ...(claim.payment
              ? [{ key: 'payment', label: t('claim.field.payment'), children: <span data-testid="claim-payment">{`${claim.payment.reference} · ${person(claim.payment.paidBy)} · ${formatDateTime(claim.payment.paidAt, language)}`}</span> }]
              : []),
            ...(claim.closingReason ? [{ key: 'closing', label: t('claim.field.closingReason'), children: claim.closingReason }] : []),
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <ClaimActions claim={claim} engineAmount={preview?.status === 'granted' ? preview.amount : null} onChange={setClaim} />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={d ? t('claim.explanation.determined') : t('claim.explanation.preview')} data-testid="claim-explanation">
            {!d && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('claim.explanation.previewHint')} />}
            {result ? <ResultExplanation result={result} /> : <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('claim.facts')} size="small">
              <Descriptions
                size="small"
                column={1}
                data-testid="claim-facts"
                items={Object.entries(claim.facts).map(([k, v]) => ({
                  key: k,
                  label: factLabels.has(k) ? `${factLabels.get(k)} (${k})` : k,
                  children: typeof v === 'number' ? v.toLocaleString(language) : String(v),
                }))}
              />
            </Card>
            <Card
              title={t('claim.files')}
              size="small"
              extra={
                canUpload && (
                  <Upload
                    showUploadList={false}
                    customRequest={async ({ file }) => {
                      setUploading(true);
                      try {
                        await claimApi.upload(claim.id, file as File);
                        message.success(t('claim.files.uploaded'));
                        setClaim(await claimApi.get(claim.id));
                      } catch (err) {
                        message.error(err instanceof Error ? err.message : String(err));
                      } finally {
                        setUploading(false);
                      }
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="claim-upload">
                      {t('claim.files.upload')}
                    </Button>
                  </Upload>
                )
              }
            >
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                data-testid="claim-files"
                dataSource={claim.files}
                locale={{ emptyText: t('claim.files.none') }}
                columns={[
                  {
                    key: 'filename',
                    title: t('claim.files.name'),
                    render: (_, f) => (
                      <a href={claimApi.fileUrl(claim.id, f.id)} data-testid="claim-file-link">
                        <DownloadOutlined /> {f.filename}
                      </a>
                    ),
                  },
                  { key: 'size', title: t('claim.files.size'), dataIndex: 'size', render: (v: number) => (v < 1024 ? `${v} B` : `${(v / 1024).toFixed(1)} KB`) },
                  { key: 'at', title: t('claim.files.uploadedAt'), dataIndex: 'uploadedAt', render: (v: string) => formatDateTime(v, language) },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      {(claim.objections.length > 0 || claim.status === 'in_public_notice') && (
        <Card title={t('claim.objections')} size="small" data-testid="claim-objections">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={claim.objections}
            locale={{ emptyText: t('claim.objections.none') }}
            columns={[
              { key: 'raisedBy', title: t('claim.objection.raisedBy'), dataIndex: 'raisedBy' },
              { key: 'content', title: t('claim.objection.content'), dataIndex: 'content' },
              { key: 'recordedAt', title: t('claim.objection.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => formatDateTime(v, language) },
              {
                key: 'state',
                title: t('claim.objection.state'),
                render: (_, o) =>
                  o.resolvedAt ? (
                    <span>
                      <Tag color={o.upheld ? 'red' : 'green'}>{t(o.upheld ? 'claim.objection.upheldTag' : 'claim.objection.dismissedTag')}</Tag>
                      {o.resolution}
                    </span>
                  ) : claim.actions.includes('resolve_objection') ? (
                    <ResolveObjection claim={claim} objectionId={o.id} onChange={setClaim} />
                  ) : (
                    <Tag color="orange">{t('claim.objection.open')}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}

      <Card title={t('claim.history')} size="small">
        <Timeline
          data-testid="claim-history"
          items={claim.history.map((h, i) => ({
            key: i,
            content: (
              <span data-testid="history-entry">
                <strong>{labelOr(t, `claim.history.${h.action}`, h.action)}</strong>{' '}
                {h.from ? `${labelOr(t, `claim.status.${h.from}`, h.from)} → ` : ''}
                {labelOr(t, `claim.status.${h.to}`, h.to)} · {h.actor} · {formatDateTime(h.at, language)}
                {h.reason && <div style={{ opacity: 0.75 }}>{h.reason}</div>}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
