import { Alert, Card, Col, Descriptions, List, Row, Space, Table, Tag, Typography } from 'antd';
import type { Check, StoredEvaluation } from '../../api/evaluation';
import { useI18n } from '../../app/i18n';
import { ChecksTable, MetTag } from './ChecksTable';
import { figure } from './format';
import { RadarChart } from './RadarChart';

function Eligible({ value }: { value: boolean | null }) {
  const { t } = useI18n();
  return <Tag color={value === true ? 'green' : value === false ? 'red' : 'gold'} data-testid="eligible-tag">{t(`evaluation.eligible.${String(value)}` as 'evaluation.eligible.true')}</Tag>;
}

function Footer({ r }: { r: StoredEvaluation }) {
  const { t, language } = useI18n();
  return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('evaluation.evaluatedAt', { at: new Date(r.evaluatedAt).toLocaleString(language), version: r.modelVersion })}</Typography.Text>;
}

export function TechSmeCard({ r }: { r: StoredEvaluation }) {
  const { t } = useI18n();
  const x = r.result;
  return (
    <Card size="small" title={t('evaluation.kind.tech_sme')} data-testid="eval-tech_sme" extra={<Eligible value={r.eligible} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong data-testid="tech-sme-score">{t('evaluation.score')} {r.score} / 100 · {t(`evaluation.path.${x.path}` as 'evaluation.path.score')}</Typography.Text>
        <Typography.Text data-testid="tech-sme-breakdown">{t('evaluation.breakdown', { techStaff: x.breakdown.techStaff ?? '?', rd: x.breakdown.rd ?? '?', ip: x.breakdown.ip ?? '?' })}</Typography.Text>
        <div data-testid="tech-sme-reasons"><List size="small" dataSource={x.reasons as string[]} renderItem={(s) => <List.Item>{s}</List.Item>} /></div>
        {x.unknown?.length > 0 && <Alert type="warning" showIcon message={t('evaluation.unknown', { fields: (x.unknown as string[]).join(', ') })} data-testid="tech-sme-unknown" />}
        {x.derived?.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('evaluation.derived')}: {(x.derived as string[]).join('; ')}</Typography.Text>}
        {x.reference && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="tech-sme-reference">{t('evaluation.reference', { reference: String(x.reference) })}</Typography.Text>}
        <Footer r={r} />
      </Space>
    </Card>
  );
}

export function HnteCard({ r }: { r: StoredEvaluation }) {
  const { t } = useI18n();
  const x = r.result;
  return (
    <Card size="small" title={t('evaluation.kind.hnte')} data-testid="eval-hnte" extra={<Eligible value={r.eligible} />}>
      <Typography.Paragraph>{t('evaluation.hnte.range', { min: x.innovation.total[0], max: x.innovation.total[1] })}</Typography.Paragraph>
      <ChecksTable checks={x.checks as Check[]} testId="hnte-checks" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{x.growth.netAssets.detail} · {x.growth.sales.detail}</Typography.Paragraph>
      <Footer r={r} />
    </Card>
  );
}

export function InnovationCard({ r }: { r: StoredEvaluation }) {
  const { t, language } = useI18n();
  const x = r.result;
  const p = r.percentile;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  const unitOf = (u: string) => (u === 'share' ? 'share' : u === 'yuan' ? 'yuan' : 'count') as Check['unit'];
  return (
    <Card size="small" title={t('evaluation.kind.innovation_points')} data-testid="eval-innovation_points">
      <Alert type="info" showIcon message={t('evaluation.platformModel', { title: String(x.modelTitle ?? r.modelVersion) })} data-testid="platform-model-notice" style={{ marginBottom: 8 }} />
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="innovation-score">{r.score}</Typography.Title>
      {p && <Typography.Text type="secondary" data-testid="innovation-percentile">{t('evaluation.percentile', { registry: pct(p.registry.percentile), n: p.registry.of, sector: p.sector.sector, sectorPct: pct(p.sector.percentile), sn: p.sector.of })}</Typography.Text>}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <RadarChart name={t('evaluation.kind.innovation_points')} indicators={(x.indicators as { label: string; normalised: number }[]).map((i) => ({ label: i.label, value: i.normalised }))} />
        </Col>
        <Col xs={24} lg={14}>
          <Table
            size="small" rowKey="id" pagination={false} data-testid="innovation-indicators"
            dataSource={x.indicators as { id: string; label: string; value: number | null; unit: string; normalised: number; weight: number; contribution: number; note?: string; needed: string[] }[]}
            columns={[
              { key: 'label', title: t('evaluation.indicator'), dataIndex: 'label' },
              { key: 'value', title: t('evaluation.value'), render: (_, i) => <span>{figure(i.value, unitOf(i.unit), language)}{i.note || i.needed.length ? <Typography.Text type="secondary" style={{ fontSize: 11 }}> {i.note ?? t('evaluation.unknown', { fields: i.needed.join(', ') })}</Typography.Text> : null}</span> },
              { key: 'normalised', title: t('evaluation.normalised'), dataIndex: 'normalised' },
              { key: 'contribution', title: t('evaluation.contribution'), dataIndex: 'contribution' },
            ]}
          />
        </Col>
      </Row>
      <Footer r={r} />
    </Card>
  );
}

export function LifecycleCard({ r }: { r: StoredEvaluation }) {
  const { t } = useI18n();
  const x = r.result;
  return (
    <Card size="small" title={t('evaluation.kind.lifecycle')} data-testid="eval-lifecycle" extra={<Tag color="purple" data-testid="lifecycle-stage">{t(`evaluation.stage.${x.stage}` as 'evaluation.stage.startup')}</Tag>}>
      <List size="small" dataSource={x.explanation as string[]} renderItem={(s) => <List.Item>{s}</List.Item>} />
      <Footer r={r} />
    </Card>
  );
}

export function ListingCard({ r }: { r: StoredEvaluation }) {
  const { t, language } = useI18n();
  const x = r.result;
  const boardName = (b: string) => t(`evaluation.board.${b}` as 'evaluation.board.star');
  return (
    <Card size="small" title={t('evaluation.kind.listing_readiness')} data-testid="eval-listing_readiness" extra={<Eligible value={r.eligible} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="market-value">{t('evaluation.marketValue', { label: x.marketValue.label })}{x.marketValue.value !== null ? ` · ${(x.marketValue.value / 100).toLocaleString(language)} 元` : ''}</Typography.Text>
        {x.met.length > 0 && <Typography.Text data-testid="standards-met">{t('evaluation.metStandards', { list: (x.met as { standard: string; clause: string }[]).map((m) => `${m.standard} (${m.clause})`).join('、') })}</Typography.Text>}
        {x.ready.length > 0 && <Typography.Text strong>{t('evaluation.ready', { list: (x.ready as string[]).map(boardName).join('、') })}</Typography.Text>}
        {x.nearest && (
          <Alert
            type="info" data-testid="nearest-standard"
            message={t('evaluation.nearest', { standard: `${boardName(x.nearest.board)} ${x.nearest.standard}`, clause: x.nearest.clause })}
            description={
              <Descriptions size="small" column={1}>
                {(x.nearest.missing as { id: string; label: string; actual: number | null; required: number | null; unit: Check['unit']; shortfall: number | null; needed: string[] }[]).map((m) => (
                  <Descriptions.Item key={m.id} label={m.label}>
                    {figure(m.actual, m.unit, language)} / {figure(m.required, m.unit, language)}
                    {m.shortfall !== null ? ` · ${t('evaluation.shortfall')} ${figure(m.shortfall, m.unit, language)}` : ''}
                    {m.needed.length ? ` · ${t('evaluation.unknown', { fields: m.needed.join(', ') })}` : ''}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            }
          />
        )}
        {(x.boards as { board: string; reference: string; basic: Check[]; standards: { id: string; clause: string; met: boolean | null; gap: number }[] }[]).map((b) => (
          <Card key={b.board} type="inner" size="small" title={`${boardName(b.board)}`} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.reference}</Typography.Text>}>
            <Table
              size="small" rowKey="id" pagination={false}
              dataSource={b.standards}
              columns={[
                { key: 'id', title: t('evaluation.standard'), render: (_, s) => `${s.id} ${s.clause}` },
                { key: 'met', title: t('evaluation.result'), render: (_, s) => <MetTag met={s.met} /> },
                { key: 'gap', title: t('evaluation.gap'), dataIndex: 'gap' },
              ]}
            />
            <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('evaluation.basic')}</Typography.Text>
            <ChecksTable checks={b.basic} testId={`basic-${b.board}`} />
          </Card>
        ))}
        <Footer r={r} />
      </Space>
    </Card>
  );
}
