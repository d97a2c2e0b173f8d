import { Avatar, Badge, Button, Dropdown, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
import { BarChartOutlined, BookOutlined, CustomerServiceOutlined, DashboardOutlined, DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, MessageOutlined, ProfileOutlined, SafetyCertificateOutlined, SafetyOutlined, SettingOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons';
import { memo, useState, type ReactNode } from 'react';
import { ChangePasswordDialog } from '../auth/change-password-dialog.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { TwoFactorDialog } from '../auth/two-factor-panel.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { roleCan } from '../auth/role-can.js';
import { AGENT_ADMIN_SECTIONS, TICKET_ADMIN_SECTIONS, type Route } from '../routing/route.js';
import { canManageWidgetSecurity } from '../settings/widget-security-access.js';
import { LanguageSwitch } from './language-switch.js';

interface AppShellProps {
  route: Route;
  onNavigate: (route: Route) => void;
  /** Unread visitor messages across conversations, badged on the navigation. */
  unread: number;
  /** Shown first among the header's actions (the agent's presence switch). */
  headerExtra?: ReactNode;
  /** Offers and unread messages of the agent's own chats, badged on 工作台. */
  workspaceBadge?: number;
  children: ReactNode;
}

/** Header (tenant, user, realtime status, language, logout) and side navigation around a screen. */
export function AppShell({ route, onNavigate, unread, headerExtra, workspaceBadge = 0, children }: AppShellProps) {
  // Header and navigation are memoised: the shell re-renders on every inbox push, they only when their own props change.
  return (
    <Layout className="app-shell">
      <AppHeader headerExtra={headerExtra} />
      <Layout>
        <Layout.Sider width={200} theme="light" className="app-nav" breakpoint="lg" collapsedWidth={64}>
          <AppNav route={route} onNavigate={onNavigate} unread={unread} workspaceBadge={workspaceBadge} />
        </Layout.Sider>
        <Layout.Content className="app-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Tenant, the presence switch, realtime status, language, the user's menu and logout. */
const AppHeader = memo(function AppHeader({ headerExtra }: { headerExtra?: ReactNode }) {
  const { t } = useI18n();
  const { logout } = useSession();
  const user = useSignedInUser();
  const { connected } = useAgentSocket();
  const [changingPassword, setChangingPassword] = useState(false);
  const [twoFactorOpen, setTwoFactorOpen] = useState(false);

  return (
    <>
      <Layout.Header className="app-header">
        <div className="app-header__brand">
          <div className="brand-mark brand-mark--small" aria-hidden="true">
            智
          </div>
          <span className="app-header__name">{t('app.name')}</span>
          <span className="app-header__divider" />
          <Typography.Text className="app-header__tenant" data-testid="header-tenant">
            {user.tenantName}
          </Typography.Text>
        </div>
        <div className="app-header__actions">
          {headerExtra}
          <Tooltip title={t(connected ? 'realtime.online' : 'realtime.offline')}>
            <Badge status={connected ? 'success' : 'error'} data-testid="realtime-status" data-connected={connected} />
          </Tooltip>
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
                { key: 'mfa', icon: <SafetyOutlined />, label: <span data-testid="menu-mfa">{t('mfa.title')}</span> },
              ],
              onClick: ({ key }) => {
                if (key === 'password') setChangingPassword(true);
                if (key === 'mfa') setTwoFactorOpen(true);
              },
            }}
          >
            <button type="button" className="app-header__user" data-testid="user-menu">
              <Avatar size="small" className="avatar--agent">
                {Array.from(user.name)[0]}
              </Avatar>
              <span className="app-header__user-name" data-testid="header-user">
                {user.name}
              </span>
              <Tag variant="filled" color="geekblue">
                {t(`role.${user.role}`)}
              </Tag>
              <DownOutlined className="app-header__caret" />
            </button>
          </Dropdown>
          <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
            {t('header.logout')}
          </Button>
        </div>
      </Layout.Header>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
      <TwoFactorDialog open={twoFactorOpen} onClose={() => setTwoFactorOpen(false)} />
    </>
  );
});

/** The side navigation, badged with unread conversations and the 工作台's offers and unread chats. */
const AppNav = memo(function AppNav({ route, onNavigate, unread, workspaceBadge }: Pick<AppShellProps, 'route' | 'onNavigate' | 'unread'> & { workspaceBadge: number }) {
  const { t } = useI18n();
  const user = useSignedInUser();

  return (
    <Menu
      mode="inline"
      selectedKeys={[route.screen === 'ticket-admin' || route.screen === 'agent-admin' ? `${route.screen}:${route.section}` : route.screen]}
      defaultOpenKeys={['kb', 'ticket-admin', 'agent-admin', 'settings']}
      onClick={({ key }) => {
        if (key === 'tickets') onNavigate({ screen: 'tickets', ticketId: null });
        const section = TICKET_ADMIN_SECTIONS.find((name) => key === `ticket-admin:${name}`);
        if (section) onNavigate({ screen: 'ticket-admin', section });
        if (key === 'conversations') onNavigate({ screen: 'conversations', conversationId: null });
        if (key === 'workspace') onNavigate({ screen: 'workspace', conversationId: null });
        if (key === 'faq' || key === 'suggestions' || key === 'documents') onNavigate({ screen: key });
        if (key === 'articles') onNavigate({ screen: 'articles', articleId: null });
        if (key === 'widget-security') onNavigate({ screen: 'widget-security' });
        if (key === 'wechat-accounts') onNavigate({ screen: 'wechat-accounts' });
        if (key === 'supervisor') onNavigate({ screen: 'supervisor' });
        if (key === 'dashboard') onNavigate({ screen: 'dashboard' });
        if (key === 'feedback') onNavigate({ screen: 'feedback' });
        if (key === 'privacy') onNavigate({ screen: 'privacy' });
        const agentAdminSection = AGENT_ADMIN_SECTIONS.find((name) => key === `agent-admin:${name}`);
        if (agentAdminSection) onNavigate({ screen: 'agent-admin', section: agentAdminSection });
      }}
      items={[
        ...(roleCan(user.role, 'conversations.reply')
          ? [
              {
                key: 'workspace',
                icon: <CustomerServiceOutlined />,
                label: (
                  <span className="app-nav__label" data-testid="nav-workspace">
                    {t('nav.workspace')}
                    <Badge count={workspaceBadge} size="small" data-testid="nav-workspace-badge" />
                  </span>
                ),
              },
            ]
          : []),
        {
          key: 'conversations',
          icon: <MessageOutlined />,
          label: (
            <span className="app-nav__label">
              {t('nav.conversations')}
              <Badge count={unread} size="small" data-testid="nav-unread" />
            </span>
          ),
        },
        {
          key: 'kb',
          icon: <BookOutlined />,
          label: t('nav.faq'),
          children: [
            { key: 'faq', label: <span data-testid="nav-faq">{t('nav.kb.faq')}</span> },
            { key: 'articles', label: <span data-testid="nav-articles">{t('nav.kb.articles')}</span> },
            { key: 'suggestions', label: <span data-testid="nav-suggestions">{t('nav.kb.suggestions')}</span> },
            { key: 'documents', label: <span data-testid="nav-documents">{t('nav.kb.documents')}</span> },
          ],
        },
        { key: 'tickets', icon: <ProfileOutlined />, label: <span data-testid="nav-tickets">{t('nav.tickets')}</span> },
        ...(roleCan(user.role, 'tickets.admin')
          ? [
              {
                key: 'ticket-admin',
                icon: <SettingOutlined />,
                label: t('nav.ticketAdmin'),
                children: TICKET_ADMIN_SECTIONS.map((section) => ({
                  key: `ticket-admin:${section}`,
                  label: <span data-testid={`nav-ticket-admin-${section}`}>{t(`nav.ticketAdmin.${section}`)}</span>,
                })),
              },
            ]
          : []),
        ...(roleCan(user.role, 'handoff.supervise')
          ? [{ key: 'supervisor', icon: <DashboardOutlined />, label: <span data-testid="nav-supervisor">{t('nav.supervisor')}</span> }]
          : []),
        ...(roleCan(user.role, 'conversations.reply')
          ? [
              {
                key: 'agent-admin',
                icon: <TeamOutlined />,
                label: t('nav.agentAdmin'),
                // Everyone who replies keeps their own canned replies; the agent list is for supervisors and admins.
                children: AGENT_ADMIN_SECTIONS.filter((section) => section !== 'agents' || roleCan(user.role, 'handoff.supervise')).map((section) => ({
                  key: `agent-admin:${section}`,
                  label: <span data-testid={`nav-agent-admin-${section}`}>{t(`nav.agentAdmin.${section}`)}</span>,
                })),
              },
            ]
          : []),
        ...(roleCan(user.role, 'analytics.read') ? [{ key: 'dashboard', icon: <BarChartOutlined />, label: <span data-testid="nav-dashboard">{t('nav.dashboard')}</span> }] : []),
        { key: 'feedback', icon: <StarOutlined />, label: <span data-testid="nav-feedback">{t('nav.feedback')}</span> },
        ...(roleCan(user.role, 'privacy.manage') ? [{ key: 'privacy', icon: <LockOutlined />, label: <span data-testid="nav-privacy">{t('nav.privacy')}</span> }] : []),
        ...(canManageWidgetSecurity(user.role)
          ? [
              {
                key: 'settings',
                icon: <SafetyCertificateOutlined />,
                label: t('nav.settings'),
                children: [
                  { key: 'widget-security', label: <span data-testid="nav-widget-security">{t('nav.settings.widgetSecurity')}</span> },
                  { key: 'wechat-accounts', label: <span data-testid="nav-wechat">{t('nav.settings.wechat')}</span> },
                ],
              },
            ]
          : []),
      ]}
    />
  );
});
