//! The daily lists: the line drawn when a day closes, the arrivals of a day read against that line, the
//! communes' counts as closed, and each list's hand-over.

use std::collections::HashMap;

use sqlx::Row;
use time::OffsetDateTime;

use super::{column, from_row, optional_column, sql, time_column, Conn, Result};
use crate::db::db_time;
use domain::daily_list::{
    ArrivalKind, Counts, DayHandover, Handover, LateRecord, Part, Stamp, Watermark,
};
use domain::date::CivilDate;
use domain::UnitCode;

/// Someone seen crossing (`c`) without a declaration for the day is known by the declaration of the
/// pass they showed, else by the registry; with `crosser_commune!` they are listed where that
/// declaration went, else where the registry has them living, else at the checkpoint's commune.
macro_rules! crosser_joins {
    () => {
        "LEFT JOIN passes p ON p.id = c.pass_id
    LEFT JOIN declarations pd ON pd.id = p.declaration_id
    LEFT JOIN registry_people r ON r.document_number = c.document_number
    LEFT JOIN checkpoints k ON k.code = c.checkpoint_code"
    };
}

macro_rules! crosser_person {
    () => {
        concat!(
            "COALESCE(pd.full_name, r.full_name, ''), COALESCE(pd.birth_date, r.birth_date, ''),
        COALESCE(pd.sex, r.sex, ''), COALESCE(pd.origin_commune, ''), ",
            crosser_commune!()
        )
    };
}

macro_rules! crosser_commune {
    () => {
        "COALESCE(pd.destination_commune, r.current_commune, k.unit_code)"
    };
}

/// The communes under the unit read (`$6` the tree, `$7` its path prefix).
macro_rules! here {
    () => {
        "here AS (SELECT code FROM units WHERE tree = $6 AND path LIKE $7)"
    };
}

/// The columns of a declaration a list shows, of `d`.
macro_rules! declared_columns {
    () => {
        "d.id, d.document_number, d.full_name, d.birth_date, d.sex, d.origin_commune,
        d.destination_commune, d.travel_date, d.channel"
    };
}

/// The people with a declaration stored after the line (`$4`), by travel date, once for each such
/// declaration: the few whose `day_travellers` row may have moved past the line. Read from the end of
/// the id index alone (materialised and not made distinct, or either backend would rather read the
/// day's whole person index for them).
macro_rules! late_people {
    () => {
        "late_people AS MATERIALIZED (
    SELECT document_number, travel_date FROM declarations WHERE id > $4
)"
    };
}

/// Of each of the day's (`$1`) [`late_people`], the newest declaration before the line, if any (as
/// `id`).
macro_rules! newest_before_line_of_late {
    () => {
        "SELECT (SELECT MAX(e.id) FROM declarations e
            WHERE e.travel_date = $1 AND e.document_number = l.document_number AND e.id <= $4) AS id
        FROM late_people l WHERE l.travel_date = $1"
    };
}

/// Whether the person of crossing `c` has a declaration for the day under the line (`$4`).
macro_rules! declared_before_line {
    () => {
        "EXISTS (SELECT 1 FROM declarations e
            WHERE e.travel_date = $1 AND e.document_number = c.document_number AND e.id <= $4)"
    };
}

/// The day's crossings: every one (`day_crossings`), and each person's first under the line
/// (`crossed`). `$2`/`$3` are the first and the first-after-last instants of the day, `$5` the line.
macro_rules! crossings_of_day {
    () => {
        "day_crossings AS (
    SELECT c.id, c.document_number, c.checkpoint_code, c.scanned_at, c.pass_id
    FROM crossings c WHERE c.scanned_at >= $2 AND c.scanned_at < $3
),
crossed AS (
    SELECT * FROM (
        SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.document_number ORDER BY c.scanned_at, c.id) AS nth
        FROM day_crossings c WHERE c.id <= $5
    ) x WHERE nth = 1
)"
    };
}

/// The day's list (`main`) under a unit, as of the line drawn at the close: each person with a
/// declaration for the day (the newest before the line) going to a commune under the unit, with
/// their first crossing of the day before the line, and each person seen crossing before the line
/// without such a declaration. A person crossing on a pass of an earlier declaration goes where that
/// declaration went, anyone else where the registry has them living, or else to the checkpoint's
/// commune.
///
/// `$1` the day, `$2`/`$3` its span (stored time), `$4`/`$5` the last declaration and crossing
/// before the line, `$6`/`$7` the tree and the unit's path prefix.
const MAIN: &str = concat!(
    "
WITH
",
    here!(),
    ",
",
    late_people!(),
    ",
declared AS (
    SELECT ",
    declared_columns!(),
    " FROM day_travellers t JOIN declarations d ON d.id = t.declaration_id
    WHERE t.travel_date = $1 AND t.declaration_id <= $4
        AND t.destination_commune IN (SELECT code FROM here)
    UNION ALL
    SELECT ",
    declared_columns!(),
    " FROM declarations d
    WHERE d.id IN (",
    newest_before_line_of_late!(),
    ")
        AND d.destination_commune IN (SELECT code FROM here)
),
",
    crossings_of_day!(),
    ",
arrivals AS (
    SELECT 'declared' AS kind, CAST(0 AS BIGINT) AS listed_before, d.document_number, d.full_name,
        d.birth_date, d.sex, d.origin_commune, d.destination_commune AS commune, d.travel_date,
        d.channel, c.scanned_at AS crossed_at, c.checkpoint_code
    FROM declared d LEFT JOIN crossed c ON c.document_number = d.document_number
    UNION ALL
    SELECT 'crossing_only', CAST(0 AS BIGINT), c.document_number, ",
    crosser_person!(),
    ", pd.travel_date, 'crossing', c.scanned_at, c.checkpoint_code
    FROM crossed c
",
    crosser_joins!(),
    "
    WHERE NOT ",
    declared_before_line!(),
    "
)"
);

/// What came after the line into a unit's lists of the day (the addendum): the newest declaration
/// typed after the line of each person going under the unit (marked `listed_before` when the person
/// is on a list already), the late crossing of someone listed as declared but not seen, and a late
/// crossing of someone on no list at all. Each row also says what put it there: the late declaration
/// (`declaration_id`), the crossing (`crossing_id`), or both. Parameters as [`MAIN`]'s.
const ADDENDUM: &str = concat!(
    "
WITH
",
    here!(),
    ",
",
    late_people!(),
    ",
late_declared AS (
    SELECT ",
    declared_columns!(),
    " FROM day_travellers t JOIN declarations d ON d.id = t.declaration_id
    WHERE t.travel_date = $1
        AND t.document_number IN (SELECT document_number FROM late_people WHERE travel_date = $1)
        AND d.destination_commune IN (SELECT code FROM here)
),
",
    crossings_of_day!(),
    ",
late_crossed AS (
    SELECT * FROM (
        SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.document_number ORDER BY c.scanned_at, c.id) AS nth
        FROM day_crossings c WHERE c.id > $5
    ) x WHERE nth = 1
),
first_crossed AS (
    SELECT * FROM (
        SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.document_number ORDER BY c.scanned_at, c.id) AS nth
        FROM day_crossings c
    ) x WHERE nth = 1
),
arrivals AS (
    SELECT 'declared' AS kind,
        CASE WHEN EXISTS (SELECT 1 FROM declarations e
                WHERE e.travel_date = $1 AND e.document_number = l.document_number AND e.id <= $4)
            OR EXISTS (SELECT 1 FROM crossed c WHERE c.document_number = l.document_number)
        THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS listed_before,
        l.document_number, l.full_name, l.birth_date, l.sex, l.origin_commune,
        l.destination_commune AS commune, l.travel_date, l.channel, c.scanned_at AS crossed_at,
        c.checkpoint_code, l.id AS declaration_id, c.id AS crossing_id
    FROM late_declared l LEFT JOIN first_crossed c ON c.document_number = l.document_number
    UNION ALL
    SELECT 'declared', CAST(1 AS BIGINT), d.document_number, d.full_name, d.birth_date, d.sex,
        d.origin_commune, d.destination_commune, d.travel_date, d.channel, c.scanned_at,
        c.checkpoint_code, CAST(NULL AS BIGINT), c.id
    FROM late_crossed c JOIN declarations d ON d.id = (SELECT MAX(e.id) FROM declarations e
        WHERE e.travel_date = $1 AND e.document_number = c.document_number AND e.id <= $4)
    WHERE NOT EXISTS (SELECT 1 FROM crossed m WHERE m.document_number = c.document_number)
        AND NOT EXISTS (SELECT 1 FROM declarations e
            WHERE e.travel_date = $1 AND e.document_number = c.document_number AND e.id > $4)
    UNION ALL
    SELECT 'crossing_only', CAST(0 AS BIGINT), c.document_number, ",
    crosser_person!(),
    ", pd.travel_date, 'crossing', c.scanned_at, c.checkpoint_code, CAST(NULL AS BIGINT), c.id
    FROM late_crossed c
",
    crosser_joins!(),
    "
    WHERE NOT EXISTS (SELECT 1 FROM crossed m WHERE m.document_number = c.document_number)
        AND NOT EXISTS (SELECT 1 FROM declarations e
            WHERE e.travel_date = $1 AND e.document_number = c.document_number)
)"
);

/// A moment as stored.
fn stored_time(unix: i64) -> Result<String> {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(db_time)
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Where in the active tree a reading looks: the communes whose path starts with `path_prefix`.
pub struct Within<'a> {
    pub tree: &'a str,
    pub path_prefix: &'a str,
}

impl<'a> Within<'a> {
    /// Every commune of the tree.
    pub fn everywhere(tree: &'a str) -> Self {
        Within { tree, path_prefix: EVERYWHERE }
    }

    fn is_everywhere(&self) -> bool {
        self.path_prefix == EVERYWHERE
    }
}

/// The prefix every unit's path starts with.
const EVERYWHERE: &str = "/";

/// The arrivals of a part of a day's lists under a unit.
fn within(part: Part, select: &str, tail: &str) -> String {
    let arrivals = match part {
        Part::Main => MAIN,
        Part::Addendum => ADDENDUM,
    };
    format!(
        "{arrivals} {select} FROM arrivals a JOIN units u ON u.tree = $6 AND u.code = a.commune
        WHERE u.path LIKE $7 {tail}"
    )
}

fn bound<'q>(
    sql: &'q str,
    day: CivilDate,
    line: Watermark,
    where_: &Within<'_>,
) -> Result<sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>> {
    let (start, end) = domain::daily_list::day_span(day);
    let query = sql!(query, sql, day.to_string(), stored_time(start)?, stored_time(end)?);
    let query = query.bind(line.declarations).bind(line.crossings);
    Ok(query.bind(where_.tree.to_owned()).bind(format!("{}%", where_.path_prefix)))
}

/// One person on a list.
#[derive(Debug, Clone)]
pub struct ArrivalRow {
    pub kind: ArrivalKind,
    pub listed_before: bool,
    pub document_number: String,
    pub full_name: String,
    pub birth_date: String,
    pub sex: String,
    pub origin_commune: String,
    pub commune: UnitCode,
    pub travel_date: Option<String>,
    pub channel: String,
    pub crossed_at: Option<OffsetDateTime>,
    pub checkpoint: Option<String>,
}

from_row!(ArrivalRow, |row| ArrivalRow {
    kind: column(row, "kind")?,
    listed_before: row.try_get::<i64, _>("listed_before")? != 0,
    document_number: row.try_get("document_number")?,
    full_name: row.try_get("full_name")?,
    birth_date: row.try_get("birth_date")?,
    sex: row.try_get("sex")?,
    origin_commune: row.try_get("origin_commune")?,
    commune: column(row, "commune")?,
    travel_date: row.try_get("travel_date")?,
    channel: row.try_get("channel")?,
    crossed_at: optional_column::<String>(row, "crossed_at")?
        .map(|t| super::decode_time(&t))
        .transpose()?,
    checkpoint: row.try_get("checkpoint_code")?,
});

/// The people of a part of a day's lists under a unit, by commune, then name.
pub async fn arrivals(
    conn: impl Conn<'_>,
    day: CivilDate,
    line: Watermark,
    part: Part,
    where_: &Within<'_>,
) -> Result<Vec<ArrivalRow>> {
    let sql = within(part, "SELECT a.*", "ORDER BY a.commune, a.full_name, a.document_number");
    let rows = bound(&sql, day, line, where_)?.fetch_all(conn).await?;
    rows.iter().map(sqlx::FromRow::from_row).collect()
}

fn counts_of(row: &sqlx::any::AnyRow) -> Result<Counts> {
    Ok(Counts {
        arrivals: row.try_get("arrivals")?,
        crossed: row.try_get("crossed")?,
        declared: row.try_get("declared")?,
        crossing_only: row.try_get("crossing_only")?,
        online: row.try_get("online")?,
        paper: row.try_get("paper")?,
    })
}

/// What put each row of a day's addendum under a unit there, by commune: what the dashboards count,
/// and what tells a unit's rows handed down from those new to it.
pub async fn late_records(
    conn: impl Conn<'_>,
    day: CivilDate,
    line: Watermark,
    where_: &Within<'_>,
) -> Result<Vec<(UnitCode, LateRecord)>> {
    let sql = within(Part::Addendum, "SELECT a.commune, a.declaration_id, a.crossing_id", "");
    let rows = bound(&sql, day, line, where_)?.fetch_all(conn).await?;
    rows.iter()
        .map(|r| {
            let record = LateRecord {
                declaration: r.try_get("declaration_id")?,
                crossing: r.try_get("crossing_id")?,
            };
            Ok((column(r, "commune")?, record))
        })
        .collect()
}

/// Each commune's count of the day's list under a unit as of the line: the rows [`MAIN`] would give,
/// counted without listing them. Each person's newest declaration of the day is kept as declarations
/// are stored (`day_travellers`), so a day of a million is counted per destination and channel from
/// one index-only scan, as plain as counting the declarations themselves; the few people whose row
/// moved past the line since are taken out again and counted where their newest declaration before
/// it went, if anywhere. Crossings, a small share of a day, are looked up person by person.
/// Parameters as [`MAIN`]'s.
///
/// `$under` narrows the scan to the unit's destinations: a commune's count reads its own stretch of
/// the index, and the whole country's reads the index through without matching every row against
/// every unit.
macro_rules! count_main {
    ($under:expr) => {
        concat!(
    "
WITH
",
    here!(),
    ",
",
    late_people!(),
    ",
crossed AS (
    SELECT * FROM (
        SELECT c.document_number, c.checkpoint_code, c.pass_id,
            ROW_NUMBER() OVER (PARTITION BY c.document_number ORDER BY c.scanned_at, c.id) AS nth
        FROM crossings c WHERE c.scanned_at >= $2 AND c.scanned_at < $3 AND c.id <= $5
    ) x WHERE nth = 1
),
crossed_to AS (
    SELECT c.document_number, c.checkpoint_code, c.pass_id,
        (SELECT d.destination_commune FROM declarations d
            WHERE d.travel_date = $1 AND d.document_number = c.document_number AND d.id <= $4
            ORDER BY d.id DESC LIMIT 1) AS declared_to
    FROM crossed c
),
counted AS (
    SELECT destination_commune AS commune, COUNT(*) AS declared,
        CASE WHEN channel = 'online' THEN COUNT(*) ELSE 0 END AS online,
        CASE WHEN channel = 'paper' THEN COUNT(*) ELSE 0 END AS paper,
        0 AS crossed, 0 AS crossing_only
    FROM day_travellers WHERE travel_date = $1 ",
    $under,
    "
    GROUP BY destination_commune, channel
    UNION ALL
    SELECT t.destination_commune, -COUNT(*), CASE WHEN t.channel = 'online' THEN -COUNT(*) ELSE 0 END,
        CASE WHEN t.channel = 'paper' THEN -COUNT(*) ELSE 0 END, 0, 0
    FROM (SELECT DISTINCT document_number FROM late_people WHERE travel_date = $1) l
    CROSS JOIN day_travellers t -- SQLite: from the few late people, not through the whole day
    WHERE t.travel_date = $1 AND t.document_number = l.document_number
    GROUP BY t.destination_commune, t.channel
    UNION ALL
    SELECT d.destination_commune, COUNT(*), CASE WHEN d.channel = 'online' THEN COUNT(*) ELSE 0 END,
        CASE WHEN d.channel = 'paper' THEN COUNT(*) ELSE 0 END, 0, 0
    FROM declarations d WHERE d.id IN (",
    newest_before_line_of_late!(),
    ")
    GROUP BY d.destination_commune, d.channel
    UNION ALL
    SELECT declared_to, 0, 0, 0, COUNT(*), 0 FROM crossed_to WHERE declared_to IS NOT NULL
    GROUP BY declared_to
    UNION ALL
    SELECT ",
    crosser_commune!(),
    ", 0, 0, 0, COUNT(*), COUNT(*)
    FROM crossed_to c
",
    crosser_joins!(),
    "
    WHERE c.declared_to IS NULL
    GROUP BY ",
    crosser_commune!(),
    "
)
SELECT commune, CAST(SUM(declared) + SUM(crossing_only) AS BIGINT) AS arrivals,
    CAST(SUM(crossed) AS BIGINT) AS crossed,
    CAST(SUM(declared) AS BIGINT) AS declared, CAST(SUM(crossing_only) AS BIGINT) AS crossing_only,
    CAST(SUM(online) AS BIGINT) AS online, CAST(SUM(paper) AS BIGINT) AS paper
FROM counted WHERE commune IN (SELECT code FROM here) GROUP BY commune"
        )
    };
}

const COUNT_EVERYWHERE: &str = count_main!("");
const COUNT_UNDER: &str = count_main!("AND destination_commune IN (SELECT code FROM here)");

/// Each commune's counts of a day's list (its `main` part) as of the line, under a unit; communes
/// left with nothing are left out.
pub async fn count_main(
    conn: impl Conn<'_>,
    day: CivilDate,
    line: Watermark,
    where_: &Within<'_>,
) -> Result<HashMap<UnitCode, Counts>> {
    let sql = if where_.is_everywhere() { COUNT_EVERYWHERE } else { COUNT_UNDER };
    let rows = bound(sql, day, line, where_)?.fetch_all(conn).await?;
    rows.iter()
        .map(|r| Ok((column(r, "commune")?, counts_of(r)?)))
        .filter(|counted| !matches!(counted, Ok((_, c)) if c.arrivals == 0))
        .collect()
}

/// A closed day: its line, and who closed it when.
#[derive(Debug, Clone)]
pub struct Close {
    pub day: CivilDate,
    pub line: Watermark,
    pub tree: String,
    pub closed_at: OffsetDateTime,
    pub closed_by: String,
}

from_row!(Close, |row| Close {
    day: column(row, "day")?,
    line: Watermark {
        declarations: row.try_get("declarations_upto")?,
        crossings: row.try_get("crossings_upto")?,
    },
    tree: row.try_get("tree")?,
    closed_at: time_column(row, "closed_at")?,
    closed_by: row.try_get("closed_by")?,
});

const CLOSES: &str = "SELECT day, declarations_upto, crossings_upto, tree, closed_at, closed_by
    FROM day_closes";

pub async fn close_of(conn: impl Conn<'_>, day: CivilDate) -> Result<Option<Close>> {
    sql!(query_as, &format!("{CLOSES} WHERE day = $1"), day.to_string()).fetch_optional(conn).await
}

/// Days closed between `from` and `to` (inclusive).
pub async fn closes_between(
    conn: impl Conn<'_>,
    from: CivilDate,
    to: CivilDate,
) -> Result<Vec<Close>> {
    let sql = format!("{CLOSES} WHERE day BETWEEN $1 AND $2 ORDER BY day");
    sql!(query_as, &sql, from.to_string(), to.to_string()).fetch_all(conn).await
}

/// Draws the line now: the newest declaration and crossing stored. Run it in a transaction of its
/// own. On PostgreSQL ids are handed out before their rows commit, so a row with a lower id may still
/// be on its way: the lock waits for every write in flight and holds new ones for as long as reading
/// the two numbers takes, so everything under the line is committed and the list never changes.
/// SQLite has one writer at a time, and its ids follow the commits.
pub async fn draw_line(conn: &mut sqlx::AnyConnection) -> Result<Watermark> {
    if super::is_postgres(conn) {
        sql!(query, "LOCK TABLE declarations, crossings IN SHARE MODE").execute(&mut *conn).await?;
    }
    let declarations: i64 = sql!(query_scalar, "SELECT COALESCE(MAX(id), 0) FROM declarations")
        .fetch_one(&mut *conn)
        .await?;
    let crossings: i64 = sql!(query_scalar, "SELECT COALESCE(MAX(id), 0) FROM crossings")
        .fetch_one(&mut *conn)
        .await?;
    Ok(Watermark { declarations, crossings })
}

/// Brings PostgreSQL's statistics of the day's crossings up to date. They can arrive faster than
/// autovacuum samples them, and the count looks each crosser up; planned on the statistics of a
/// quieter hour it would nest loops over rows thought to be a handful. Sampling them is cheap. The
/// declarations need no fresh statistics: the count scans `day_travellers` through, whatever their
/// number, and finds those past the line from the end of the id index, whose bounds PostgreSQL reads
/// from the index itself.
pub async fn refresh_statistics(conn: &mut sqlx::AnyConnection) -> Result<()> {
    if super::is_postgres(conn) {
        sql!(query, "ANALYZE crossings").execute(&mut *conn).await?;
    }
    Ok(())
}

/// Stores a day's close and its communes' counts; false (and nothing stored) when the day was closed
/// meanwhile by someone else.
pub async fn insert_close(
    conn: &mut sqlx::AnyConnection,
    close: &Close,
    per_commune: &HashMap<UnitCode, Counts>,
) -> Result<bool> {
    let sql = "INSERT INTO day_closes (day, declarations_upto, crossings_upto, tree, closed_at,
            closed_by)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (day) DO NOTHING";
    let query = sql!(query, sql, close.day.to_string(), close.line.declarations);
    let query = query.bind(close.line.crossings).bind(close.tree.clone());
    let query = query.bind(db_time(close.closed_at)).bind(close.closed_by.clone());
    if query.execute(&mut *conn).await?.rows_affected() == 0 {
        return Ok(false);
    }
    let rows: Vec<(&UnitCode, &Counts)> = per_commune.iter().collect();
    for chunk in rows.chunks(500) {
        let sql = format!(
            "INSERT INTO list_counts (day, commune_code, arrivals, crossed, declared, crossing_only,
                online, paper) VALUES {}",
            super::values_rows(chunk.len(), &["$"; 8])
        );
        let sql = super::for_backend(conn, sql);
        let mut query = sqlx::query(&sql);
        for (commune, c) in chunk {
            query = super::bind!(query, close.day.to_string(), commune.as_str(), c.arrivals);
            query = super::bind!(query, c.crossed, c.declared, c.crossing_only, c.online, c.paper);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(true)
}

/// Each commune's counts of closed days between `from` and `to`, under a unit.
pub async fn closed_counts(
    conn: impl Conn<'_>,
    from: CivilDate,
    to: CivilDate,
    where_: &Within<'_>,
) -> Result<Vec<(CivilDate, UnitCode, Counts)>> {
    let sql = "SELECT l.day, l.commune_code AS commune, l.arrivals, l.crossed, l.declared,
            l.crossing_only, l.online, l.paper
        FROM list_counts l JOIN units u ON u.tree = $3 AND u.code = l.commune_code
        WHERE l.day BETWEEN $1 AND $2 AND u.path LIKE $4";
    let query = sql!(query, sql, from.to_string(), to.to_string(), where_.tree.to_owned());
    let rows = query.bind(format!("{}%", where_.path_prefix)).fetch_all(conn).await?;
    rows.iter().map(|r| Ok((column(r, "day")?, column(r, "commune")?, counts_of(r)?))).collect()
}

/// The hand-overs of a day's lists of these units, by unit.
pub async fn handovers(
    conn: impl Conn<'_>,
    day: CivilDate,
    units: &[&UnitCode],
) -> Result<HashMap<UnitCode, DayHandover>> {
    let sql = format!(
        "SELECT unit_code, part, forwarded_by, forwarded_at, acknowledged_by, acknowledged_at,
            covers_declarations, covers_crossings
        FROM list_handovers WHERE day = $1 AND unit_code IN ({})",
        super::parameters(2, units.len())
    );
    let query = sql!(query, &sql, day.to_string());
    let query = units.iter().fold(query, |q, u| q.bind(u.as_str().to_owned()));
    let rows = query.fetch_all(conn).await?;
    let stamp = |row: &sqlx::any::AnyRow, by: &str, at: &str| -> Result<Option<Stamp>> {
        let by: Option<String> = row.try_get(by)?;
        let at: Option<String> = row.try_get(at)?;
        Ok(match (by, at) {
            (Some(by), Some(at)) => {
                Some(Stamp { by, at: super::decode_time(&at)?.unix_timestamp() })
            }
            _ => None,
        })
    };
    let mut out: HashMap<UnitCode, DayHandover> = HashMap::new();
    for r in &rows {
        let handover = Handover {
            forwarded: stamp(r, "forwarded_by", "forwarded_at")?,
            acknowledged: stamp(r, "acknowledged_by", "acknowledged_at")?,
        };
        let day = out.entry(column(r, "unit_code")?).or_default();
        match column(r, "part")? {
            Part::Main => day.main = handover,
            Part::Addendum => {
                day.addendum = handover;
                let covers: (Option<i64>, Option<i64>) =
                    (r.try_get("covers_declarations")?, r.try_get("covers_crossings")?);
                day.addendum_line = match covers {
                    (Some(declarations), Some(crossings)) => {
                        Some(Watermark { declarations, crossings })
                    }
                    _ => None,
                };
            }
        }
    }
    Ok(out)
}

/// Stores a step of a list's hand-over. A step already taken keeps its first stamp, also when two
/// officials take it at once: the level below was told once, when it was.
pub async fn save_handover(
    conn: impl Conn<'_>,
    day: CivilDate,
    unit: &UnitCode,
    part: Part,
    handover: &Handover,
) -> Result<()> {
    let sql = "INSERT INTO list_handovers (day, unit_code, part, forwarded_by, forwarded_at,
            acknowledged_by, acknowledged_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (day, unit_code, part) DO UPDATE SET
            forwarded_by = COALESCE(list_handovers.forwarded_by, excluded.forwarded_by),
            forwarded_at = COALESCE(list_handovers.forwarded_at, excluded.forwarded_at),
            acknowledged_by = COALESCE(list_handovers.acknowledged_by, excluded.acknowledged_by),
            acknowledged_at = COALESCE(list_handovers.acknowledged_at, excluded.acknowledged_at)";
    let at = |s: &Option<Stamp>| s.as_ref().map(|s| stored_time(s.at)).transpose();
    let by = |s: &Option<Stamp>| s.as_ref().map(|s| s.by.clone());
    let query = sql!(query, sql, day.to_string(), unit.as_str().to_owned(), part.as_str());
    let query = query.bind(by(&handover.forwarded)).bind(at(&handover.forwarded)?);
    let query = query.bind(by(&handover.acknowledged)).bind(at(&handover.acknowledged)?);
    query.execute(conn).await?;
    Ok(())
}

/// Stores a new round of a unit's addendum going down, as far as `line` reached: forwarded now, to be
/// acknowledged anew. A round that reached further, stored meanwhile by another official, stands.
pub async fn forward_addendum(
    conn: impl Conn<'_>,
    day: CivilDate,
    unit: &UnitCode,
    stamp: &Stamp,
    line: Watermark,
) -> Result<()> {
    let sql = "INSERT INTO list_handovers (day, unit_code, part, forwarded_by, forwarded_at,
            covers_declarations, covers_crossings)
        VALUES ($1, $2, 'addendum', $3, $4, $5, $6)
        ON CONFLICT (day, unit_code, part) DO UPDATE SET
            forwarded_by = excluded.forwarded_by, forwarded_at = excluded.forwarded_at,
            acknowledged_by = NULL, acknowledged_at = NULL,
            covers_declarations = excluded.covers_declarations,
            covers_crossings = excluded.covers_crossings
        WHERE list_handovers.covers_declarations IS NULL
            OR list_handovers.covers_declarations < excluded.covers_declarations
            OR list_handovers.covers_crossings < excluded.covers_crossings";
    let query = sql!(query, sql, day.to_string(), unit.as_str().to_owned(), stamp.by.clone());
    let query = query.bind(stored_time(stamp.at)?).bind(line.declarations).bind(line.crossings);
    query.execute(conn).await?;
    Ok(())
}
