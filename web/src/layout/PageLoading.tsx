import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin tip={t('common.loading')}>
        <div style={{ minHeight: 48 }} />
      </Spin>
    </div>
  );
}
