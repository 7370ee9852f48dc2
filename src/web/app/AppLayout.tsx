import { BellOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Space, Spin, Tag, Typography, theme } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { DemoBanner } from '../components/DemoBanner';
import { AlertCountsProvider, useAlertCounts } from '../features/monitoring/alertCounts';
import { useUser, useAuth } from './auth';
import { useI18n } from './i18n';
import { MENU_GROUP_ICONS, menuFor, menuSections, selectedMenuKey, type MenuEntry } from './menu';
import { can } from './roles';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const user = useUser();
  return (
    <AlertCountsProvider enabled={can(user, 'monitoring.alerts')}>
      <Shell />
    </AlertCountsProvider>
  );
}

/** The unread alerts of the caller's inbox (menu and header); the data attribute carries the number for tests. */
function UnreadBadge({ size }: { size?: 'small' }) {
  const { counts } = useAlertCounts();
  const unread = counts?.unread ?? 0;
  return (
    <span data-testid="alerts-unread" data-count={counts ? unread : ''}>
      <Badge count={unread} size={size} overflowCount={999} />
    </span>
  );
}

function Shell() {
  const user = useUser();
  const { signOut } = useAuth();
  const { t, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const entries = menuFor(user);
  const selected = selectedMenuKey(entries, location.pathname);
  const selectedGroup = entries.find((entry) => entry.key === selected)?.group;
  // The section holding the current page opens by itself; the others stay as the user left them.
  const [openKeys, setOpenKeys] = useState<string[]>(selectedGroup ? [`group-${selectedGroup}`] : []);
  useEffect(() => {
    if (selectedGroup) setOpenKeys((keys) => (keys.includes(`group-${selectedGroup}`) ? keys : [...keys, `group-${selectedGroup}`]));
  }, [selectedGroup]);

  const item = (entry: MenuEntry): { key: string; icon: ReactNode; label: ReactNode; onClick: () => void } => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <span data-testid={`menu-${entry.key}`} data-menu-group={entry.group ?? ''}>
        {t(entry.label)}
        {entry.badge === 'alerts' && (
          <span style={{ marginInlineStart: 8 }}>
            <UnreadBadge size="small" />
          </span>
        )}
      </span>
    ),
    onClick: () => navigate(entry.path),
  });
  const items = menuSections(entries).map((section) =>
    section.kind === 'entry'
      ? item(section.entry)
      : {
          key: `group-${section.group}`,
          label: <span data-testid={`menu-group-${section.group}`}>{t(`nav.group.${section.group}`)}</span>,
          icon: MENU_GROUP_ICONS[section.group],
          children: section.entries.map(item),
        },
  );

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
          openKeys={openKeys}
          onOpenChange={setOpenKeys}
          // Entries of closed sections stay in the page (hidden), so a section opens without a round of rendering.
          forceSubMenuRender
          items={items}
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
            {can(user, 'monitoring.alerts') && <AlertsBell onOpen={() => navigate('/monitoring/alerts?status=unresolved')} title={t('nav.monAlerts')} />}
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

function AlertsBell({ onOpen, title }: { onOpen: () => void; title: string }) {
  const { counts } = useAlertCounts();
  return (
    <Badge count={counts?.unread ?? 0} overflowCount={999} data-testid="alerts-bell-badge">
      <Button icon={<BellOutlined />} title={title} aria-label={title} data-testid="alerts-bell" onClick={onOpen} />
    </Badge>
  );
}
