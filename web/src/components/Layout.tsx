import { useLayoutEffect } from "react";
import { NavLink, Outlet, useMatches, useNavigation, useRouteError } from "react-router";
import { errorMessage } from "../lib/errors";
import { pageTitle } from "../lib/usePageTitle";
import { navItems } from "../routes";
import { ConnectButton } from "./ConnectButton";
import { ConnectionBanner } from "./ConnectionBanner";
import { NetworkBadge } from "./NetworkBadge";
import { Loading } from "./States";

/**
 * The title of the deepest matched route (its `handle.title`); the overview is the site name alone. A layout
 * effect, so that a page's own `usePageTitle` (a passive effect, run after it) refines it on the same render.
 */
function useRouteTitle() {
  const matches = useMatches();
  const handle = [...matches].reverse().find((m) => typeof (m.handle as { title?: unknown } | undefined)?.title === "string")?.handle as
    | { title: string }
    | undefined;
  const path = matches.at(-1)?.pathname;
  useLayoutEffect(() => {
    document.title = pageTitle(path === "/" ? undefined : handle?.title);
  }, [handle?.title, path]);
}

export function Layout() {
  const navigation = useNavigation();
  useRouteTitle();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Support Quality
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-end">
          <NetworkBadge />
          <ConnectButton />
        </div>
      </header>
      {navigation.state === "loading" && <div className="route-progress" role="progressbar" aria-label="Loading page" />}
      <main id="main">
        <ConnectionBanner />
        <Outlet />
      </main>
      <footer className="site-footer">Support Quality Protocol — policies, votes and ratings on-chain; every number here can be recomputed from events.</footer>
    </>
  );
}

/** While the first page's code loads. */
export function PageLoading() {
  return (
    <main id="main">
      <Loading what="Loading the page" />
    </main>
  );
}

export function NotFound() {
  return (
    <section data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        This address does not match a page. <NavLink to="/">Go to the overview</NavLink>.
      </p>
    </section>
  );
}

/** A page that failed to load or crashed: said in a sentence, inside the layout. */
export function RouteError() {
  const error = useRouteError();
  return (
    <section>
      <h1>This page could not be shown</h1>
      <p className="error-note" role="alert">
        {errorMessage(error)}
      </p>
      <p>
        <NavLink to="/">Go to the overview</NavLink> or reload the page.
      </p>
    </section>
  );
}
