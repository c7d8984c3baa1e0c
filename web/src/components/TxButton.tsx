import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useConnection } from "wagmi";
import { useProtocol } from "../lib/useProtocol";

interface TxButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  pending: boolean;
  children: ReactNode;
}

/** A button that sends a transaction: disabled while one is pending, or without a wallet on the right chain. */
export function TxButton({ pending, children, disabled, ...rest }: TxButtonProps) {
  const connection = useConnection();
  const { wrongNetwork } = useProtocol();
  const blocked = connection.status !== "connected" || wrongNetwork;
  const title = connection.status !== "connected" ? "Connect a wallet first" : wrongNetwork ? "Switch network first" : undefined;
  return (
    <button type="button" className="primary" disabled={disabled || pending || blocked} aria-busy={pending} title={title} {...rest}>
      {pending ? "Working…" : children}
    </button>
  );
}
