import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import ConsoleLayout from './layout/ConsoleLayout';
import PageLoading from './layout/PageLoading';
import Login from './pages/Login';
import { ViewOrgProvider } from './layout/ViewOrg';

// Route-level code splitting: each page is its own bundle, loaded when first opened.
const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const CustomerList = lazy(() => import('./customers/CustomerList'));
const Customer360 = lazy(() => import('./customers/Customer360'));
const ContactDirectory = lazy(() => import('./customers/ContactDirectory'));
const VisitLog = lazy(() => import('./customers/VisitLog'));
const ImportWizard = lazy(() => import('./imports/ImportWizard'));
const AuditLog = lazy(() => import('./audit/AuditLog'));
const Users = lazy(() => import('./admin/Users'));
const Roles = lazy(() => import('./admin/Roles'));
const SyncLinks = lazy(() => import('./sync/SyncLinks'));
const SystemMonitor = lazy(() => import('./system/SystemMonitor'));
const Profile = lazy(() => import('./profile/Profile'));

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
                  <Route path="/dashboard" element={<Dashboard />} />
                  <Route path="/customers" element={<CustomerList />} />
                  <Route path="/customers/:id" element={<Customer360 />} />
                  <Route path="/contacts" element={<ContactDirectory />} />
                  <Route path="/visits" element={<VisitLog />} />
                  <Route path="/imports" element={<ImportWizard />} />
                  <Route path="/system/users" element={<Users />} />
                  <Route path="/system/roles" element={<Roles />} />
                  <Route path="/system/audit" element={<AuditLog />} />
                  <Route path="/system/sync" element={<SyncLinks />} />
                  <Route path="/system/monitor" element={<SystemMonitor />} />
                  <Route path="/profile" element={<Profile />} />
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
