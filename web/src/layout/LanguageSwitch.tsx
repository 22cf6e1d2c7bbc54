import { GlobalOutlined } from '@ant-design/icons';
import { Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n';
import type { Language } from '../i18n';

const LANGUAGES: { key: Language; label: string }[] = [
  { key: 'zh-CN', label: '简体中文' },
  { key: 'en-US', label: 'English' },
];

export default function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Dropdown
      menu={{
        items: LANGUAGES.map((language) => ({ key: language.key, label: language.label })),
        selectedKeys: [i18n.language],
        onClick: ({ key }) => switchLanguage(key as Language),
      }}
    >
      <span style={{ cursor: 'pointer' }} aria-label={t('header.language')} data-testid="language-switch">
        <GlobalOutlined /> {LANGUAGES.find((language) => language.key === i18n.language)?.label}
      </span>
    </Dropdown>
  );
}
