/**
 * The route table of the dApp. Every page is lazy-loaded so the first route stays small; a page is
 * added by adding an entry here (and `nav` puts it in the header, in `order`).
 */
import type { RouteObject } from "react-router";

export interface AppRoute {
  path: string;
  lazy: NonNullable<RouteObject["lazy"]>;
  /** The page's `<title>` ("Governance — Support Quality Protocol"); a page may refine it with usePageTitle. */
  title: string;
  /** Header link; only for top-level pages. */
  nav?: { label: string; order: number };
}

export const appRoutes: AppRoute[] = [
  {
    path: "/",
    title: "Overview",
    lazy: () => import("./features/overview/OverviewPage").then((m) => ({ Component: m.OverviewPage })),
    nav: { label: "Overview", order: 10 },
  },
  {
    path: "/governance",
    title: "Governance",
    lazy: () => import("./features/governance/GovernancePage").then((m) => ({ Component: m.GovernancePage })),
    nav: { label: "Governance", order: 20 },
  },
  {
    path: "/governance/new",
    title: "New proposal",
    lazy: () => import("./features/governance/ProposalWizard").then((m) => ({ Component: m.ProposalWizardPage })),
  },
  {
    path: "/governance/new-article",
    title: "Propose a help-article change",
    lazy: () => import("./features/governance/ArticleWizard").then((m) => ({ Component: m.ArticleWizardPage })),
  },
  { path: "/governance/:proposalId", title: "Proposal", lazy: () => import("./features/governance/ProposalPage").then((m) => ({ Component: m.ProposalPage })) },
  {
    path: "/policies",
    title: "Policies",
    lazy: () => import("./features/policies/PoliciesPage").then((m) => ({ Component: m.PoliciesPage })),
    nav: { label: "Policies", order: 30 },
  },
  { path: "/policies/:policyId", title: "Policy", lazy: () => import("./features/policies/PolicyPage").then((m) => ({ Component: m.PolicyPage })) },
  {
    path: "/verify",
    title: "Verify",
    lazy: () => import("./features/verify/VerifyPage").then((m) => ({ Component: m.VerifyPage })),
    nav: { label: "Verify", order: 40 },
  },
  { path: "/verify/:addressOrHandle", title: "Verify", lazy: () => import("./features/verify/VerifyPage").then((m) => ({ Component: m.VerifyPage })) },
  {
    path: "/help",
    title: "Help centre",
    lazy: () => import("./features/help/HelpCentrePage").then((m) => ({ Component: m.HelpCentrePage })),
    nav: { label: "Help", order: 45 },
  },
  { path: "/help/:articleId", title: "Help article", lazy: () => import("./features/help/ArticlePage").then((m) => ({ Component: m.ArticlePage })) },
  {
    path: "/agents",
    title: "Agents & desks",
    lazy: () => import("./features/agents/AgentsPage").then((m) => ({ Component: m.AgentsPage })),
    nav: { label: "Agents & desks", order: 50 },
  },
  { path: "/agents/:address", title: "Agent", lazy: () => import("./features/agents/AgentProfilePage").then((m) => ({ Component: m.AgentProfilePage })) },
  { path: "/desks/:deskId", title: "Desk", lazy: () => import("./features/agents/DeskProfilePage").then((m) => ({ Component: m.DeskProfilePage })) },
  {
    path: "/rewards",
    title: "Community rewards",
    lazy: () => import("./features/rewards/RewardsPage").then((m) => ({ Component: m.RewardsPage })),
    nav: { label: "Rewards", order: 55 },
  },
  // The receipt rides in the URL fragment (/rate#v1.…): see receipts/link.ts.
  { path: "/rate", title: "Rate", lazy: () => import("./features/rate/RatePage").then((m) => ({ Component: m.RatePage })), nav: { label: "Rate", order: 60 } },
  {
    path: "/desk",
    title: "Desk console",
    lazy: () => import("./features/desk/DeskConsolePage").then((m) => ({ Component: m.DeskConsolePage })),
    nav: { label: "Desk console", order: 70 },
  },
  { path: "/desk/prove", title: "Prove I'm support", lazy: () => import("./features/desk/ProvePage").then((m) => ({ Component: m.ProvePage })) },
  {
    path: "/feedback",
    title: "Feedback report",
    lazy: () => import("./features/feedback/FeedbackPage").then((m) => ({ Component: m.FeedbackPage })),
    nav: { label: "Feedback", order: 75 },
  },
  {
    path: "/audit",
    title: "Audit",
    lazy: () => import("./features/audit/AuditPage").then((m) => ({ Component: m.AuditPage })),
    nav: { label: "Audit", order: 80 },
  },
];

export const navItems = appRoutes
  .filter((r): r is AppRoute & { nav: NonNullable<AppRoute["nav"]> } => r.nav !== undefined)
  .sort((a, b) => a.nav.order - b.nav.order)
  .map((r) => ({ to: r.path, label: r.nav.label }));
