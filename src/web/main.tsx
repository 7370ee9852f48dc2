import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './app/auth';
import { I18nProvider, useI18n } from './app/i18n';
import { MetaProvider } from './app/meta';
import { router } from './app/router';

function Root() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1456c8' } }}>
      <AntApp>
        <MetaProvider>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </MetaProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
);
