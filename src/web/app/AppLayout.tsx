import { LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { DemoBanner } from '../components/DemoBanner';
import { useUser, useAuth } from './auth';
import { useI18n } from './i18n';
import { menuFor, selectedMenuKey } from './menu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const user = useUser();
  const { signOut } = useAuth();
  const { t, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const entries = menuFor(user);
  const selected = selectedMenuKey(entries, location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div
          style={{ height: 64, display: 'flex', flexDirection: 'column', justifyContent: 'center', padding: '0 20px', color: '#fff' }}
          data-testid="brand"
        >
          <strong style={{ fontSize: 18, lineHeight: '22px' }}>{t('app.shortName')}</strong>
          <span
            style={{ fontSize: 12, lineHeight: '18px', opacity: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={t('app.name')}
          >
            {t('app.name')}
          </span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected ? [selected] : []}
          items={entries.map((entry) => ({
            key: entry.key,
            icon: entry.icon,
            label: <span data-testid={`menu-${entry.key}`}>{t(entry.label)}</span>,
            onClick: () => navigate(entry.path),
          }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Space size="middle" wrap>
            <Space size={4} data-testid="current-user">
              <UserOutlined />
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <Tag>{t(`role.${user.role}`)}</Tag>
            </Space>
            <Typography.Text type="secondary" data-testid="current-org">
              {user.organization.name}
            </Typography.Text>
            <Button
              icon={<TranslationOutlined />}
              title={t('lang.toggleTitle')}
              data-testid="lang-toggle"
              onClick={() => setLanguage(language === 'zh-CN' ? 'en-US' : 'zh-CN')}
            >
              {t('lang.toggle')}
            </Button>
            <Button
              icon={<LogoutOutlined />}
              data-testid="sign-out"
              onClick={async () => {
                await signOut();
                navigate('/login', { replace: true });
              }}
            >
              {t('nav.signOut')}
            </Button>
          </Space>
        </Header>
        <DemoBanner />
        <Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 64 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
