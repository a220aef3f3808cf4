// The indexer's HTTP API: GraphQL at /graphql, SQL over HTTP at /sql/* (Ponder's client), and /summary, the
// dashboard's one read: bounded in size whatever the length of the history (recent days and weeks, the supply
// curve thinned to at most SUPPLY_POINTS points, the latest claims and proposals).
import { Hono } from "hono";
import { client, graphql, desc, asc, eq, gte, sql } from "ponder";
import { db } from "ponder:api";
import schema from "ponder:schema";

const SUPPLY_POINTS = 240;
const DAYS = 60;
const WEEKS = 26;
const LATEST = 25;

const app = new Hono();
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

const text = (value: unknown): unknown =>
  typeof value === "bigint"
    ? value.toString()
    : Array.isArray(value)
      ? value.map(text)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]))
        : value;

app.get("/summary", async (c) => {
  const [all] = await db.select().from(schema.totals).where(eq(schema.totals.id, "all"));
  const changes = all?.supplyChanges ?? 0;
  // Every k-th supply change, and the last: the curve keeps its shape in at most SUPPLY_POINTS points.
  const step = Math.max(1, Math.ceil(changes / SUPPLY_POINTS));
  const supply = await db
    .select({
      seq: schema.supplyChange.seq,
      timestamp: schema.supplyChange.timestamp,
      supply: schema.supplyChange.supply,
      burned: schema.supplyChange.burned,
    })
    .from(schema.supplyChange)
    .where(sql`${schema.supplyChange.seq} % ${step} = 0 or ${schema.supplyChange.seq} = ${changes - 1}`)
    .orderBy(asc(schema.supplyChange.seq));
  const daily = await db.select().from(schema.dailyBurn).orderBy(desc(schema.dailyBurn.day)).limit(DAYS);
  const weekly = await db
    .select({
      week: sql<string>`to_char(date_trunc('week', ${schema.dailyBurn.day}::date), 'YYYY-MM-DD')`.as("week"),
      burned: sql<string>`sum(${schema.dailyBurn.burned})::text`.as("burned"),
      calls: sql<string>`sum(${schema.dailyBurn.calls})::text`.as("calls"),
    })
    .from(schema.dailyBurn)
    .groupBy(sql`1`)
    .orderBy(sql`1 desc`)
    .limit(WEEKS);
  const firstDay = daily.length ? daily[daily.length - 1]!.day : "9999";
  const fees = await db
    .select()
    .from(schema.dailyFees)
    .where(gte(schema.dailyFees.day, firstDay))
    .orderBy(desc(schema.dailyFees.day), asc(schema.dailyFees.destination));
  const claims = await db.select().from(schema.claim).orderBy(desc(schema.claim.id)).limit(LATEST);
  const proposals = await db.select().from(schema.proposal).orderBy(desc(schema.proposal.block)).limit(LATEST);
  const changesOf = proposals.length
    ? await db
        .select()
        .from(schema.parameterChange)
        .where(sql`${schema.parameterChange.proposalId} in ${proposals.map((p) => p.id)}`)
    : [];
  const representatives = await db
    .select()
    .from(schema.representative)
    .where(sql`${schema.representative.staked} > 0`)
    .orderBy(desc(schema.representative.staked))
    .limit(LATEST);
  const counted = await db
    .select()
    .from(schema.countedProposal)
    .where(eq(schema.countedProposal.retired, false))
    .orderBy(asc(schema.countedProposal.deadline));
  const claimable = await db.select().from(schema.claimableAsset).where(eq(schema.claimableAsset.claimable, true));
  return c.json(
    text({
      totals: all ?? null,
      supply,
      daily,
      weekly,
      fees,
      claims,
      proposals: proposals.map((p) => ({ ...p, changes: changesOf.filter((ch) => ch.proposalId === p.id) })),
      representatives,
      counted,
      claimable: claimable.map((a) => a.id),
    }) as object,
  );
});

export default app;
