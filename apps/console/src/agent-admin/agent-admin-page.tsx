import type { AgentAdminSection } from '../routing/route.js';
import { AgentsPage } from './agents-page.js';
import { CannedRepliesPage } from './canned-replies-page.js';
import './agent-admin.css';
import '../supervisor/supervisor.css';

/** The staffing screens under `#/agent-admin/<section>`. */
export function AgentAdminPage({ section }: { section: AgentAdminSection }) {
  return <div className="agent-admin">{section === 'agents' ? <AgentsPage /> : <CannedRepliesPage />}</div>;
}
