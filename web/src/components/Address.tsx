import { shortAddress } from "@support-quality/sdk";

/** An address, shortened, with the full value on hover and for copy. */
export function AddressText({ address }: { address: string }) {
  return (
    <code className="address" title={address}>
      {shortAddress(address)}
    </code>
  );
}
