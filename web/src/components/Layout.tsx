import { NavLink, Outlet, useNavigation } from "react-router";
import { navItems } from "../routes";
import { ConnectButton } from "./ConnectButton";
import { IndexNotice } from "./IndexNotice";
import { NetworkBadge } from "./NetworkBadge";

export function Layout() {
  const navigation = useNavigation();
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
        <IndexNotice />
        <Outlet />
      </main>
      <footer className="site-footer">Support Quality Protocol — policies, votes and ratings on-chain; every number here can be recomputed from events.</footer>
    </>
  );
}

export function RouteError() {
  return (
    <main id="main">
      <h1>Page not found</h1>
      <p>
        This address does not match a page. <NavLink to="/">Go to the overview</NavLink>.
      </p>
    </main>
  );
}
