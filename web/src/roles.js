// What each role may see and do in the UI. The API enforces the same rules (and more);
// the UI only hides what would be refused. For a ticket, the server's `allowed_actions`
// (GET /api/tickets/{id} and every action's answer) decides; the role table below is the
// fallback when a ticket comes without it (list rows, older servers).
const allowedByServer = (t, action) => (Array.isArray(t?.allowed_actions) ? t.allowed_actions.includes(action) : null)

export const can = {
  intake: (u) => ['call_taker', 'dispatcher', 'admin'].includes(u?.role),
  dispatch: (u, t) =>
    allowedByServer(t, 'dispatch') ??
    (['dispatcher', 'admin'].includes(u?.role) && ['received', 'dispatched', 'reopened'].includes(t?.status)),
  isOwnerHandler: (u, t) => u?.role === 'unit_handler' && !!u.unit_code && t?.owner_unit === u.unit_code,
  accept: (u, t) => allowedByServer(t, 'accept') ?? (can.isOwnerHandler(u, t) && t.status === 'dispatched'),
  reply: (u, t) =>
    allowedByServer(t, 'reply') ?? (can.isOwnerHandler(u, t) && ['accepted', 'in_progress'].includes(t.status)),
  resolve: (u, t) => allowedByServer(t, 'resolve') ?? (can.isOwnerHandler(u, t) && t.status === 'in_progress'),
  users: (u) => u?.role === 'admin',
  accessLog: (u) => ['admin', 'supervisor'].includes(u?.role),
  queue: (u) => ['dispatcher', 'admin'].includes(u?.role),
  inbox: (u) => u?.role === 'unit_handler',
  reference: (u) => u?.role === 'admin',
  supervise: (u) => ['supervisor', 'admin'].includes(u?.role),
  dashboard: (u) => ['analyst', 'supervisor', 'admin'].includes(u?.role),
  // issue 5: the knowledge base's entries, review and gaps (writers, reviewers, analysts)
  knowledge: (u) => ['unit_handler', 'supervisor', 'analyst', 'admin'].includes(u?.role),
  // ---- governance and integrations (issues 6, 8; docs/http_api.md "Proactive governance") ----
  // Hot topics, repeats and reports: supervisor, analyst, admin. Alerts and governance items
  // also for a unit handler (the server narrows them to its unit). Acting on alerts and
  // creating items: supervisor, admin; an item's lead unit adds tasks, progress and tickets.
  hotTopics: (u) => ['supervisor', 'analyst', 'admin'].includes(u?.role),
  repeats: (u) => ['supervisor', 'analyst', 'admin'].includes(u?.role),
  reports: (u) => ['supervisor', 'analyst', 'admin'].includes(u?.role),
  alerts: (u) => ['unit_handler', 'supervisor', 'analyst', 'admin'].includes(u?.role),
  governance: (u) => ['unit_handler', 'supervisor', 'analyst', 'admin'].includes(u?.role),
  manageInsight: (u) => ['supervisor', 'admin'].includes(u?.role),
  isLeadUnit: (u, item) => u?.role === 'unit_handler' && !!u.unit_code && item?.lead_unit === u.unit_code,
  isAssistUnit: (u, item) => u?.role === 'unit_handler' && (item?.assist_units || []).some((a) => a.code === u.unit_code),
  // Tasks, linked tickets and the item's state: managers and the lead unit.
  steerItem: (u, item) => can.manageInsight(u) || can.isLeadUnit(u, item),
  // A progress note: also an assisting unit.
  noteItem: (u, item) => can.steerItem(u, item) || can.isAssistUnit(u, item),
  // A task's state: also the task's own unit.
  updateTask: (u, item, task) => can.steerItem(u, item) || (u?.role === 'unit_handler' && task?.unit_code === u.unit_code),
  integrations: (u) => u?.role === 'admin',
}

// ---- reference data editing (issue 7 item 7) ----
// Every staff member reads 基础数据 (units, regions, categories, duty catalog, SLA); only
// administrators edit it (the API refuses others).
can.reference = (u) => !!u?.role
can.editReference = (u) => u?.role === 'admin'
// ---- end reference data editing ----

// The staff menu: route name, label, who sees it; `soon` would mark a screen whose API is
// still being built (it says so instead of showing made-up data).
export const MENU = [
  { name: 'overview', label: '工作台', show: () => true },
  { name: 'tickets', label: '工单列表', show: () => true },
  { name: 'intake', label: '话务受理', show: can.intake },
  { name: 'queue', label: '派单队列', show: can.queue },
  { name: 'inbox', label: '本单位待办', show: can.inbox },
  { name: 'supervise', label: '督办中心', show: can.supervise },
  { name: 'dashboard', label: '领导驾驶舱', show: can.dashboard },
  { name: 'knowledge', label: '知识库', show: can.knowledge },
  // ---- governance and integrations (issues 6, 8) ----
  { name: 'hot-topics', label: '热点诉求', show: can.hotTopics },
  { name: 'alerts', label: '预警', show: can.alerts },
  { name: 'repeats', label: '重复诉求', show: can.repeats },
  { name: 'governance', label: '治理事项', show: can.governance },
  { name: 'reports', label: '决策报告', show: can.reports },
  { name: 'integrations', label: '对接管理', show: can.integrations },
  { name: 'users', label: '用户管理', show: can.users },
  { name: 'reference', label: '基础数据', show: can.reference },
  { name: 'access-log', label: '访问日志', show: can.accessLog },
]
