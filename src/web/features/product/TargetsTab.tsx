import { Alert, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { productApi } from '../../api/financing';
import type { ProductMatches } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';

/** 靶向对接: enterprises that qualify for the product, with public fields only (no consent needed). */
export function TargetsTab({ productId }: { productId: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => productApi.matches(productId, { page, pageSize: 20 }, signal), `${productId}:${page}`);
  return (
    <div data-testid="product-targets">
      <Alert type="info" showIcon title={t('product.targets.hint')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={error} onRetry={reload} />
      {data && <Typography.Paragraph data-testid="targets-total">{t('product.targets.total', { total: data.total })}</Typography.Paragraph>}
      <Table<ProductMatches['items'][number]>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'name', title: t('product.field.enterprise'), dataIndex: 'name' },
          { key: 'uscc', title: t('product.field.uscc'), dataIndex: 'uscc' },
          { key: 'district', title: t('product.field.district'), dataIndex: 'district' },
          { key: 'sector', title: t('product.field.sector'), dataIndex: 'sector' },
          {
            key: 'certs',
            title: t('product.field.certifications'),
            render: (_, e) => e.certifications.map((c) => <Tag key={c}>{c}</Tag>),
          },
        ]}
      />
    </div>
  );
}
