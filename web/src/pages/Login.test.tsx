import { act, cleanup, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { switchLanguage } from '../i18n';
import Login from './Login';

function renderLogin() {
  return render(
    <AntApp>
      <AuthProvider>
        <MemoryRouter initialEntries={['/login']}>
          <Login />
        </MemoryRouter>
      </AuthProvider>
    </AntApp>,
  );
}

describe('log-in page', () => {
  afterEach(() => {
    cleanup();
    act(() => switchLanguage('zh-CN'));
  });

  it('speaks Chinese by default and English once switched, and remembers the choice', async () => {
    renderLogin();
    expect(await screen.findByPlaceholderText('用户名')).toBeTruthy();
    expect(screen.getByPlaceholderText('密码')).toBeTruthy();
    act(() => switchLanguage('en-US'));
    expect(await screen.findByPlaceholderText('Username')).toBeTruthy();
    expect(localStorage.getItem('mams.language')).toBe('en-US');
  });

  it('does not ask the node who is logged in when this browser never logged in', async () => {
    localStorage.removeItem('mams.session');
    const asked: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL) => {
      asked.push(String(input));
      return Promise.reject(new Error('no network in this test'));
    }) as typeof fetch;
    try {
      renderLogin();
      await screen.findByPlaceholderText('用户名');
      expect(asked).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });
});
