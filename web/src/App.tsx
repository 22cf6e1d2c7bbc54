import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { capabilities } from './capabilities';
import ConsoleLayout from './layout/ConsoleLayout';
import PageLoading from './layout/PageLoading';
import Login from './pages/Login';
import RequirePermission from './platform/RequirePermission';
import { ViewOrgProvider } from './layout/ViewOrg';

// Every capability's pages, each its own bundle loaded when first opened (src/capabilities.ts).
const routes = capabilities.flatMap((capability) => capability.routes);

function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me || me.mfaPending) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export default function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <ViewOrgProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<Login />} />
                <Route
                  element={
                    <RequireLogin>
                      <ConsoleLayout />
                    </RequireLogin>
                  }
                >
                  <Route index element={<Navigate to="/dashboard" replace />} />
                  {routes.map(({ path, page: Page, permission }) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <RequirePermission permission={permission}>
                          <Page />
                        </RequirePermission>
                      }
                    />
                  ))}
                  <Route path="*" element={<Navigate to="/dashboard" replace />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </ViewOrgProvider>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
