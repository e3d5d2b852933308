// Routes: the public portal at / (eager: it is the landing page), everything under
// /staff lazy-loaded. History mode: the server falls back to index.html for unknown paths.
import { createRouter, createWebHistory } from 'vue-router'
import { session } from './session.js'
import { onSessionExpired } from './api.js'
import { can } from './roles.js'
import PortalLayout from './views/PortalLayout.vue'
import SubmitView from './views/SubmitView.vue'

const SITE = '12345 政务服务便民热线'

const routes = [
  {
    path: '/',
    component: PortalLayout,
    children: [
      { path: '', name: 'submit', component: SubmitView, meta: { title: '我要反映' } },
      { path: 'track', name: 'track', component: () => import('./views/TrackView.vue'), meta: { title: '进度查询' } },
      { path: 'stats', name: 'stats', component: () => import('./views/PublicStatsView.vue'), meta: { title: '数据公开' } },
    ],
  },
  {
    path: '/staff/login',
    name: 'login',
    component: () => import('./views/staff/LoginView.vue'),
    meta: { title: '工作人员登录' },
  },
  {
    path: '/staff',
    component: () => import('./views/staff/StaffLayout.vue'),
    meta: { requiresAuth: true },
    children: [
      { path: '', redirect: { name: 'overview' } },
      { path: 'overview', name: 'overview', component: () => import('./views/staff/OverviewView.vue'), meta: { title: '工作台' } },
      { path: 'tickets', name: 'tickets', component: () => import('./views/staff/TicketListView.vue'), meta: { title: '工单列表' } },
      { path: 'tickets/:id(\\d+)', name: 'ticket', component: () => import('./views/staff/TicketDetailView.vue'), meta: { title: '工单详情' } },
      { path: 'intake', name: 'intake', component: () => import('./views/staff/IntakeView.vue'), meta: { title: '话务受理', allow: can.intake } },
      { path: 'queue', name: 'queue', component: () => import('./views/staff/QueueView.vue'), meta: { title: '派单队列', allow: can.queue } },
      { path: 'inbox', name: 'inbox', component: () => import('./views/staff/InboxView.vue'), meta: { title: '本单位待办', allow: can.inbox } },
      { path: 'supervise', name: 'supervise', component: () => import('./views/staff/SuperviseView.vue'), meta: { title: '督办中心', allow: can.supervise } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/staff/DashboardView.vue'), meta: { title: '领导驾驶舱', allow: can.dashboard } },
      { path: 'reference', name: 'reference', component: () => import('./views/staff/ReferenceView.vue'), meta: { title: '基础数据', allow: can.reference } },
      // ---- knowledge base (issue 5) ----
      { path: 'knowledge', name: 'knowledge', component: () => import('./views/staff/KnowledgeView.vue'), meta: { title: '知识库', allow: can.knowledge } },
      // ---- governance and integrations (issues 6, 8) ----
      { path: 'hot-topics', name: 'hot-topics', component: () => import('./views/staff/HotTopicsView.vue'), meta: { title: '热点诉求', allow: can.hotTopics } },
      { path: 'hot-topics/:id(\\d+)', name: 'hot-topic', component: () => import('./views/staff/HotTopicDetailView.vue'), meta: { title: '热点详情', allow: can.hotTopics } },
      { path: 'alerts', name: 'alerts', component: () => import('./views/staff/AlertsView.vue'), meta: { title: '预警', allow: can.alerts } },
      { path: 'alerts/:id(\\d+)', name: 'alert', component: () => import('./views/staff/AlertDetailView.vue'), meta: { title: '预警详情', allow: can.alerts } },
      { path: 'repeats', name: 'repeats', component: () => import('./views/staff/RepeatsView.vue'), meta: { title: '重复诉求', allow: can.repeats } },
      { path: 'governance', name: 'governance', component: () => import('./views/staff/GovernanceView.vue'), meta: { title: '治理事项', allow: can.governance } },
      { path: 'governance/:id(\\d+)', name: 'governance-item', component: () => import('./views/staff/GovernanceDetailView.vue'), meta: { title: '治理事项详情', allow: can.governance } },
      { path: 'reports', name: 'reports', component: () => import('./views/staff/ReportsView.vue'), meta: { title: '决策报告', allow: can.reports } },
      { path: 'integrations', name: 'integrations', component: () => import('./views/staff/IntegrationsView.vue'), meta: { title: '对接管理', allow: can.integrations } },
      // ---- end governance and integrations ----
      { path: 'users', name: 'users', component: () => import('./views/staff/UsersView.vue'), meta: { title: '用户管理', allow: can.users } },
      { path: 'access-log', name: 'access-log', component: () => import('./views/staff/AccessLogView.vue'), meta: { title: '访问日志', allow: can.accessLog } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
})

// Set when the server ended the session (a 401), so the login page can say why.
let expired = false

router.beforeEach((to) => {
  if (to.matched.some((r) => r.meta.requiresAuth) && !session.token) {
    return { name: 'login', query: { redirect: to.fullPath, ...(expired ? { expired: '1' } : {}) } }
  }
  if (session.token) expired = false
  if (to.name === 'login' && session.token) return { name: 'overview' }
  if (to.meta.allow && !to.meta.allow(session.user)) return { name: 'overview', query: { denied: to.meta.title } }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · ${SITE}` : SITE
})

onSessionExpired(() => {
  expired = true
  const current = router.currentRoute.value
  if (current.name === 'login') return
  router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
})
