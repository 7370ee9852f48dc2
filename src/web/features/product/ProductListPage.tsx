import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { productApi } from '../../api/financing';
import { PRODUCT_TYPES, type Product, type ProductQuery } from '../../api/financing-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../components/useApi';
import { ProductFormModal } from './ProductFormModal';
import { ProductTags } from './ProductTags';
import { amountRange, institutionsOf, productTypeLabel, rateRange, termRange } from './labels';

const FILTERS = ['q', 'type', 'ownerCode', 'policyProduct', 'isProgramme'] as const;

/** 金融产品: the catalog with its filters in the URL; institutions and officers create products here. */
export function ProductListPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [creating, setCreating] = useState(false);
  const query: ProductQuery = { page: Number(params.get('page') ?? 1), pageSize: 20 };
  for (const key of FILTERS) if (params.get(key)) query[key] = params.get(key)!;
  const { data, error, loading, reload } = useApi((signal) => productApi.list(query, signal), params.toString());
  // Institutions to filter by: every owner and partner in the catalog the caller can see.
  const all = useApi((signal) => productApi.list({ pageSize: 200 }, signal), 'all');
  const institutions = institutionsOf(all.data?.items ?? []);
  const programme = user.role === 'officer' || user.role === 'admin';

  useEffect(() => {
    const values: Record<string, string | undefined> = {};
    for (const key of FILTERS) values[key] = params.get(key) ?? undefined;
    form.setFieldsValue(values);
  }, [params, form]);

  function apply(values: Record<string, string | undefined>) {
    const next = new URLSearchParams();
    for (const key of FILTERS) if (values[key]) next.set(key, values[key]!);
    setParams(next);
  }

  const columns: ColumnsType<Product> = [
    { key: 'code', title: t('product.field.code'), dataIndex: 'code', width: 110 },
    {
      key: 'name',
      title: t('product.field.name'),
      render: (_, p) => (
        <Space wrap size={4}>
          <Link to={`/products/${p.id}`} data-testid="product-link">
            {p.name}
          </Link>
          <ProductTags product={p} />
        </Space>
      ),
    },
    { key: 'type', title: t('product.field.type'), render: (_, p) => productTypeLabel(t, p.type) },
    {
      key: 'owner',
      title: t('product.field.owner'),
      render: (_, p) => (p.isProgramme ? `${p.owner.name}（${p.partners.map((x) => x.name).join('、')}）` : p.owner.name),
    },
    { key: 'amount', title: t('product.field.amount'), render: (_, p) => amountRange(p.terms, language, t) },
    { key: 'term', title: t('product.field.term'), render: (_, p) => termRange(p.terms, t) },
    { key: 'rate', title: t('product.field.rate'), render: (_, p) => rateRange(p.terms) },
  ];

  return (
    <Card
      title={t('product.list.title')}
      data-testid="product-list"
      extra={
        can(user, 'financing.productsManage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="product-new">
            {t('product.new')}
          </Button>
        )
      }
    >
      <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('product.filter.q')} data-testid="product-filter-q" />
        </Form.Item>
        <Form.Item name="type">
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('product.filter.type')}
            options={PRODUCT_TYPES.map((v) => ({ value: v, label: productTypeLabel(t, v) }))}
            data-testid="product-filter-type"
          />
        </Form.Item>
        <Form.Item name="ownerCode">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            placeholder={t('product.filter.owner')}
            options={institutions.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
          />
        </Form.Item>
        <Form.Item name="policyProduct">
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('product.filter.policy')}
            options={[{ value: 'true', label: t('fin.common.yes') }, { value: 'false', label: t('fin.common.no') }]}
            data-testid="product-filter-policy"
          />
        </Form.Item>
        <Form.Item name="isProgramme">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('product.filter.programme')}
            options={[{ value: 'true', label: t('fin.common.yes') }, { value: 'false', label: t('fin.common.no') }]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="product-filter-submit">
          {t('fin.common.search')}
        </Button>
      </Form>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Product>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        data-testid="product-table"
        pagination={{
          current: query.page,
          pageSize: 20,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => {
            const next = new URLSearchParams(params);
            next.set('page', String(page));
            setParams(next);
          },
        }}
      />
      <ProductFormModal
        open={creating}
        programme={programme}
        onCancel={() => setCreating(false)}
        save={(input) => productApi.create(input)}
        onSaved={(p) => navigate(`/products/${p.id}`)}
      />
    </Card>
  );
}
