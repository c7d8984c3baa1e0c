import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { WagmiProvider } from "wagmi";
import { Layout, NotFound, PageLoading, RouteError } from "./components/Layout";
import { loadRevertDecoder } from "./lib/errors";
import { appRoutes } from "./routes";
import { config } from "./wagmi";
import "./styles.css";

// Chain reads change only when a transaction lands (which invalidates them) or time passes: no refetch per block.
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
});

// The layout wraps every page, the 404 and a page's crash alike (the pathless route's errorElement renders
// inside the layout); HydrateFallback is what shows while the first lazy page loads.
const router = createBrowserRouter([
  {
    element: <Layout />,
    HydrateFallback: PageLoading,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...appRoutes.map(({ path, lazy, title }) => ({ path, lazy, handle: { title } })),
          { path: "*", Component: NotFound, handle: { title: "Page not found" } },
        ],
      },
    ],
  },
]);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);

// Reverts are explained by the SDK's decoder: not needed for the first render, so it loads just after.
void loadRevertDecoder();
