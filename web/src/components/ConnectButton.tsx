/**
 * Wallet connection: any EIP-6963 wallet the browser announces, plus on the local chain the dev-account
 * connector with a role picker (the node's unlocked accounts from the generated dev-account list).
 */

import { shortAddress } from "@support-quality/sdk";
import { useEffect, useRef, useState } from "react";
import type { Address } from "viem";
import { type Connector, useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";
import { DEV_CONNECTOR_ID } from "../connectors/devAccount";
import { devAccountList, devAccountOf } from "../lib/devAccounts";
import { errorMessage } from "../lib/errors";

type DevConnector = Connector & { selectAccount(account: Address): Promise<void>; selectedAccount(): Address };

function DevAccountPicker({ connector, onPicked }: { connector: DevConnector; onPicked: (a: Address) => void }) {
  const current = connector.selectedAccount?.() ?? devAccountList[0]?.address;
  return (
    <select
      aria-label="Dev account role"
      data-testid="dev-account-select"
      value={current}
      onChange={async (e) => {
        const address = e.target.value as Address;
        await connector.selectAccount(address);
        onPicked(address);
      }}
    >
      {(["governance", "desk", "agent", "user"] as const).map((group) => (
        <optgroup key={group} label={group}>
          {devAccountList
            .filter((a) => a.group === group)
            .map((a) => (
              <option key={a.address} value={a.address} title={`${shortAddress(a.address)} — ${a.role}`}>
                {a.key} — {a.role}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

export function ConnectButton() {
  const connection = useConnection();
  const connectors = useConnectors();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const [open, setOpen] = useState(false);
  const [, rerender] = useState(0);
  const opener = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // The wallet dialog closes on Escape (focus back on its button) and on a click outside it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      opener.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !opener.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const dev = __DEV_WIRING__ ? (connectors.find((c) => c.id === DEV_CONNECTOR_ID) as DevConnector | undefined) : undefined;
  // EIP-6963 wallets are listed by name; the generic "Injected" entry only when none announced itself.
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const injected = announced.length > 0 ? announced : connectors.filter((c) => c.id === "injected");

  if (connection.status === "connected") {
    const isDev = __DEV_WIRING__ && connection.connector?.id === DEV_CONNECTOR_ID;
    return (
      <div className="wallet">
        {isDev && dev ? (
          <DevAccountPicker connector={dev} onPicked={() => rerender((n) => n + 1)} />
        ) : (
          <code className="address" title={connection.address} data-testid="connected-address">
            {shortAddress(connection.address)}
          </code>
        )}
        {isDev && <span className="badge badge-dev">Dev account</span>}
        <button type="button" onClick={() => disconnect()}>
          Disconnect
        </button>
        <span className="visually-hidden" data-testid="connected-account">
          {connection.address} {__DEV_WIRING__ ? (devAccountOf(connection.address)?.key ?? "") : ""}
        </span>
      </div>
    );
  }

  return (
    <div className="wallet">
      <button
        ref={opener}
        type="button"
        className="primary"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        data-testid="connect-open"
      >
        {isPending ? "Connecting…" : "Connect wallet"}
      </button>
      {open && (
        <div ref={menu} className="connect-menu" role="dialog" aria-label="Choose a wallet">
          {injected.map((c) => (
            <button key={c.uid} type="button" onClick={() => connect({ connector: c }, { onSuccess: () => setOpen(false) })}>
              {c.icon && <img src={c.icon} alt="" width={18} height={18} />} {c.name === "Injected" ? "Browser wallet" : c.name}
            </button>
          ))}
          {__DEV_WIRING__ && dev && devAccountList.length > 0 && (
            <fieldset className="dev-connect">
              <legend>Dev account (local chain only)</legend>
              <DevAccountPicker connector={dev} onPicked={() => rerender((n) => n + 1)} />
              <button type="button" data-testid="connect-dev" onClick={() => connect({ connector: dev }, { onSuccess: () => setOpen(false) })}>
                Use dev account
              </button>
            </fieldset>
          )}
          {error && (
            <p className="error-note" role="alert">
              {errorMessage(error)}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
