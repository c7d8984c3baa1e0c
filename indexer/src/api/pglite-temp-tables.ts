/**
 * Embedded PGlite only: keep Ponder's flush temp tables from hiding the index's tables from its readers.
 *
 * Ponder 0.16 writes more than 20 updated rows of one table in a flush through a session temp table named
 * exactly like the table — `CREATE TEMP TABLE IF NOT EXISTS "rating" AS …`, `COPY "rating"`, `UPDATE
 * <schema>."rating" … FROM "rating"`, `TRUNCATE "rating"` — and leaves it, empty, in the session for the next
 * flush. On Postgres that session is the indexer's own connection. On PGlite there is one session for
 * everything, the HTTP API included, and Postgres resolves an unqualified name in the session's temp schema
 * first: from the first such flush on (a backfill batch with more than 20 replies/voids, e.g. 1,000 ratings),
 * `select … from rating` over `/sql` read the empty temp table, while the rows sat in the real one.
 *
 * The cure, in the same transaction as the flush: Ponder writes its `_ponder_checkpoint` row after every flush
 * (backfill batch, setup, live block) before committing, and a statement trigger on that table drops every
 * temp table that shadows a table of the index's schema. Ponder re-creates its temp table on its next flush
 * (`IF NOT EXISTS`), and no reader — they wait for the transaction on PGlite's single connection — ever sees
 * one. `indexer/test/pglite-flush.test.ts` holds the regression.
 */
import { db } from "ponder:api";
import { sql } from "ponder";

/** Ponder's internal checkpoint table, in the index's schema: written after every flush (`PONDER_CHECKPOINT_TABLE_NAME`). */
const CHECKPOINT_TABLE = "_ponder_checkpoint";
const FUNCTION = "sqp_drop_flush_temp_tables";

/** Installs the trigger (idempotent). A no-op on Postgres (ponder.config.ts: PGlite unless DATABASE_URL is set). */
export async function dropFlushTempTablesOnCommit(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  // PGlite's session has `search_path` set to the index's schema (Ponder sets it at start), so these
  // unqualified names are that schema's; TG_TABLE_SCHEMA is it as well when the trigger fires.
  await db.execute(
    sql.raw(`
      CREATE OR REPLACE FUNCTION "${FUNCTION}"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE shadow record;
      BEGIN
        FOR shadow IN
          SELECT t.relname FROM pg_class t
          WHERE t.relnamespace = pg_my_temp_schema() AND t.relkind = 'r'
            AND EXISTS (
              SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = TG_TABLE_SCHEMA AND c.relname = t.relname AND c.relkind IN ('r', 'p')
            )
        LOOP
          EXECUTE format('DROP TABLE pg_temp.%I', shadow.relname);
        END LOOP;
        RETURN NULL;
      END $$`),
  );
  await db.execute(
    sql.raw(`CREATE OR REPLACE TRIGGER "${FUNCTION}" AFTER INSERT OR UPDATE ON "${CHECKPOINT_TABLE}" FOR EACH STATEMENT EXECUTE FUNCTION "${FUNCTION}"()`),
  );
}
