import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { productApi } from '../../api/financing';
import type { CriterionText, EnterpriseMatch } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { ProductTags } from './ProductTags';
import { productTypeLabel } from './labels';

/** 可申请的产品: every product the enterprise qualifies for, ranked, each criterion met or failed in words. */
export function MatchesPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const [all, setAll] = useState(false);
  const enterpriseId = user.enterpriseId ?? '';
  const { data, error, loading, reload } = useApi((signal) => productApi.enterpriseMatches(enterpriseId, !all, signal), `${enterpriseId}:${all}`);
  const words = (c: CriterionText) => (language === 'en-US' ? c.en : c.zh);

  return (
    <Card title={t('match.title')} data-testid="matches-page" extra={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>{t('match.showAll')}</Checkbox>}>
      <ErrorAlert error={error} onRetry={reload} />
      {!data ? (
        loading && <Spin />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('match.hint', { asOf: data.asOf })}
            description={
              <Space orientation="vertical" size={0}>
                {data.facts.stageExplanation && <span>{t('match.stage', { stage: language === 'en-US' ? data.facts.stageExplanation.en : data.facts.stageExplanation.zh })}</span>}
                <strong data-testid="matches-qualifying">{t('match.qualifying', { n: data.qualifying })}</strong>
              </Space>
            }
          />
          {data.items.length === 0 ? (
            <Empty />
          ) : (
            <List<EnterpriseMatch>
              dataSource={data.items}
              renderItem={(m) => (
                <List.Item
                  data-testid="match-item"
                  actions={
                    m.qualifies
                      ? [
                          <Link key="apply" to={`/applications/new?product=${encodeURIComponent(m.product.code)}`}>
                            <Button type="primary" size="small" data-testid="match-apply">
                              {t('product.apply')}
                            </Button>
                          </Link>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag>{t('match.rank', { rank: m.rank })}</Tag>
                        <Link to={`/products/${m.product.id}`}>{m.product.name}</Link>
                        <Typography.Text type="secondary">
                          {productTypeLabel(t, m.product.type)} · {m.product.owner.name}
                          {m.product.partners.length > 0 && `（${m.product.partners.map((p) => p.name).join('、')}）`}
                        </Typography.Text>
                        <ProductTags product={{ ...m.product, status: 'active' }} />
                        <Tag color={m.qualifies ? 'green' : 'default'}>{t(m.qualifies ? 'match.qualifies' : 'match.nearMiss')}</Tag>
                      </Space>
                    }
                    description={
                      <Space orientation="vertical" size={2}>
                        {m.met.map((c) => (
                          <span key={`met-${c.criterion}`} data-testid="match-met">
                            <CheckCircleTwoTone twoToneColor="#52c41a" /> {words(c)}
                          </span>
                        ))}
                        {m.failed.map((c) => (
                          <span key={`failed-${c.criterion}`} data-testid="match-failed">
                            <CloseCircleTwoTone twoToneColor="#ff4d4f" /> {words(c)}
                          </span>
                        ))}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );
}
