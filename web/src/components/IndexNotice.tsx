import { indexNotice, useIndexHealth } from "../lib/indexer";

/** One sentence when the lists are read from the chain although an index is configured. */
export function IndexNotice() {
  const { data } = useIndexHealth();
  const notice = indexNotice(data);
  return notice ? (
    <p className="index-notice" role="status">
      {notice}
    </p>
  ) : null;
}
