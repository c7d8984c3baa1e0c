import { DateTime } from "../../components/DateTime";
import { useArticlesSavedAt } from "./queries";

/** Said above the articles when they are this device's copy because the network cannot be reached. */
export function OfflineNotice() {
  const savedAt = useArticlesSavedAt();
  if (savedAt === undefined) return null;
  return (
    <p className="cached-note" role="status" data-testid="help-offline">
      Showing the articles saved on this device on <DateTime seconds={Math.floor(savedAt / 1000)} />: the network cannot be reached.
    </p>
  );
}
