//! What crosses from the server to the browser and to API clients. No password hash or secret has a field here.

use domain::crossing::Direction;
use domain::declaration::DeclarationInput;
use domain::pass::PassStatus;
use domain::rules::CheckpointAction;
use domain::verdict::Verdict;
use domain::{Action, Actor, Role, Scope};
use serde::{Deserialize, Serialize};

/// The logged-in official, as the pages need them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub role: Role,
    pub scope: Scope,
    /// Human name of the scope: a unit's full name, a checkpoint's name, or the whole country.
    pub scope_name: Option<String>,
}

impl Me {
    /// Whether the official may do `action` in their own scope, by the one decision `can`: what the
    /// navigation offers. Only a hint for the page: every server function decides again.
    pub fn may(&self, action: Action) -> bool {
        Actor {
            user_id: 0,
            username: self.username.clone(),
            role: self.role,
            scope: self.scope.clone(),
        }
        .may(action)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub checkpoint_code: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointView {
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub road: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    /// Unix seconds.
    pub at: i64,
    pub actor_username: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub unit_code: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitCount {
    pub code: String,
    pub name: String,
    pub level: String,
    pub residents: i64,
}

/// What an official sees of their own scope: the place, the units below it and aggregate counts only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ScopeOverview {
    Units {
        /// None for the whole country.
        unit_code: Option<String>,
        unit_name: String,
        residents: i64,
        children: Vec<UnitCount>,
    },
    Checkpoint(CheckpointView),
    Administration {
        users: i64,
        checkpoints: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub document_number: String,
    pub full_name: String,
    pub birth_date: String,
    pub sex: domain::Sex,
    pub commune_code: String,
    pub residence: String,
}

/// A pass as its holder's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassView {
    pub id: String,
    /// The holder's own key: the page's links (QR image, cancel, replace) carry it.
    pub holder_key: String,
    pub full_name: String,
    pub document_number: String,
    pub birth_date: String,
    pub origin: String,
    pub destination: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// The expiry in Vietnam's time, as people read it.
    pub expires_local: String,
    /// The server's clock when the page was made.
    pub now: i64,
    pub status: PassStatus,
    pub qr_svg: String,
}

/// The declaration form between two rounds: what was typed, the province chosen and the search typed for
/// each of the three places, and what needs fixing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeclarationDraft {
    pub input: DeclarationInput,
    pub places: FormPlaces,
    /// The holder's key of the pass this declaration replaces, when declared again from that pass.
    pub replaces: Option<String>,
    pub errors: Vec<domain::declaration::FieldError>,
    pub error: Option<crate::error::ErrorCode>,
}

/// What the declaration form holds besides the declaration's own fields: for each of its three places,
/// the province chosen and the search typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormPlaces {
    pub residence_province: String,
    pub residence_search: String,
    pub origin_province: String,
    pub origin_search: String,
    pub destination_province: String,
    pub destination_search: String,
}

impl FormPlaces {
    /// The province chosen and the search typed for one of the three places (`residence`, `origin`,
    /// `destination`).
    pub fn of(&self, place: &str) -> (&str, &str) {
        match place {
            "residence" => (&self.residence_province, &self.residence_search),
            "origin" => (&self.origin_province, &self.origin_search),
            "destination" => (&self.destination_province, &self.destination_search),
            _ => ("", ""),
        }
    }
}

/// The buttons of a round of the form without JavaScript: "list communes / search" (`refresh`, no
/// check), or a search result (`pick`, `place:code`: that commune is chosen).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FormRound {
    pub refresh: Option<String>,
    pub pick: Option<String>,
}

impl DeclarationDraft {
    /// Reads the declaration form as the browser posts it (and as the page reads it live to check it):
    /// the declaration's own fields are `DeclarationInput`'s, so the form lists no field of its own.
    pub fn from_form(
        body: &str,
    ) -> Result<(DeclarationDraft, FormRound), serde_html_form::de::Error> {
        #[derive(Deserialize)]
        struct Replacing {
            replaces: Option<String>,
        }
        let replacing: Replacing = serde_html_form::from_str(body)?;
        let draft = DeclarationDraft {
            input: serde_html_form::from_str(body)?,
            places: serde_html_form::from_str(body)?,
            replaces: replacing.replaces.filter(|k| !k.is_empty()),
            ..DeclarationDraft::default()
        };
        Ok((draft, serde_html_form::from_str(body)?))
    }

    /// Chooses a commune for one of the three places (and its province), as a search result does.
    pub fn choose(&mut self, place: &str, province: String, commune: String) {
        let (p, c, s) = match place {
            "residence" => (
                &mut self.places.residence_province,
                &mut self.input.residence_commune,
                &mut self.places.residence_search,
            ),
            "origin" => (
                &mut self.places.origin_province,
                &mut self.input.origin_commune,
                &mut self.places.origin_search,
            ),
            "destination" => (
                &mut self.places.destination_province,
                &mut self.input.destination_commune,
                &mut self.places.destination_search,
            ),
            _ => return,
        };
        *p = province;
        *c = commune;
        s.clear();
    }
}

/// A commune found by the place search, with its full name for the list of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneMatch {
    pub code: String,
    pub province: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitOption {
    pub code: String,
    pub name: String,
}

/// The communes of a province, grouped by district (or in one group where the tree has no districts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneGroup {
    pub name: String,
    pub communes: Vec<UnitOption>,
}

/// What a scanner device keeps to judge passes with no network: the keys, the passes revoked since issue,
/// the levels of places in epidemic areas, its province's rules, and the server's time when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScannerBundle {
    pub checkpoint: String,
    /// Unix seconds on the server's clock: the device compares it with its own.
    pub server_time: i64,
    pub keys: Vec<BundleKey>,
    /// The passes revoked since the device's last bundle (or all of them, for a device with none).
    pub revocations: domain::revocation::RevocationUpdate,
    pub levels: domain::epidemic::LeafLevels,
    pub rules: domain::rules::Rules,
    /// The device warns when this bundle is older than this (`ZONEPASS_SCANNER_MAX_AGE_MINUTES`).
    pub max_age_seconds: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundleKey {
    pub key_id: u16,
    pub public_key: [u8; 32],
    /// Unix seconds: the key verifies only passes it signed before. Absent in bundles kept from before.
    #[serde(default)]
    pub retired_at: Option<i64>,
}

/// A crossing as the checkpoint's day lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrossingView {
    pub client_id: String,
    pub officer: String,
    pub pass_id: Option<String>,
    pub document_number: String,
    pub direction: Direction,
    pub verdict: Verdict,
    pub action: CheckpointAction,
    /// RFC 3339, UTC.
    pub scanned_at: String,
    pub received_at: String,
    pub offline: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrossingCounts {
    pub total: u32,
    pub green: u32,
    pub amber: u32,
    pub red: u32,
    pub into_area: u32,
    pub out_of_area: u32,
    /// Recorded on a device without network and sent later.
    pub sent_late: u32,
}

impl CrossingCounts {
    pub fn add(&mut self, verdict: Verdict, direction: Direction, offline: bool) {
        self.total += 1;
        match verdict {
            Verdict::Green => self.green += 1,
            Verdict::Amber => self.amber += 1,
            Verdict::Red => self.red += 1,
        }
        match direction {
            Direction::In => self.into_area += 1,
            Direction::Out => self.out_of_area += 1,
        }
        if offline {
            self.sent_late += 1;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckpointDay {
    pub checkpoint: String,
    pub name: String,
    /// `YYYY-MM-DD`, Vietnam's calendar.
    pub date: String,
    pub counts: CrossingCounts,
    pub crossings: Vec<CrossingView>,
    /// The checkpoint's scanner devices and the crossings each still holds unsent, as they last reported.
    pub devices: Vec<DeviceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceView {
    pub device_id: String,
    pub officer: String,
    pub pending: i64,
    /// RFC 3339, UTC.
    pub reported_at: String,
}

/// An epidemic area as the administrator's list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaView {
    pub id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub level: u8,
    /// Vietnam's time, as people read it.
    pub valid_from: String,
    pub valid_until: Option<String>,
    pub in_force: bool,
    pub note: String,
    pub declared_by: String,
}

/// One province's rules, one action per origin level (index 0: from outside any epidemic area).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesView {
    pub province_code: String,
    pub province_name: String,
    pub rules: domain::rules::Rules,
}

/// A scan as the checkpoint screen shows it: the judgement, the names of the places, and what the officer
/// scanned or typed, kept until they record the crossing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanDraft {
    pub officer_id: i64,
    pub judgement: domain::verdict::Judgement,
    pub origin_name: String,
    pub destination_name: String,
    /// The holder's doses on record, when the server judged the scan (a device offline has none).
    #[serde(default)]
    pub registered_doses: Option<u8>,
    pub token: Option<String>,
    pub document_number: Option<String>,
    /// `in` or `out`, as chosen on the scan form.
    pub direction: String,
    /// Unix seconds.
    pub scanned_at: i64,
    /// The ID card's QR, when the officer scanned it too.
    #[serde(default)]
    pub card: Option<domain::card::CardCheck>,
}

/// What the server did with one crossing a device sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "problems", rename_all = "snake_case")]
pub enum CrossingOutcome {
    Stored,
    /// Stored by an earlier request (the same client id at this checkpoint), left as it was.
    Duplicate,
    /// Not stored: the device keeps it for its officer to correct or discard, and sends the rest.
    Refused(Vec<RefusedField>),
}

/// One reason a crossing was refused: the field at fault and a stable problem code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedField {
    pub field: String,
    pub problem: String,
}

impl CrossingOutcome {
    /// Whether the crossing is on the server now (stored by this request or before).
    pub fn is_kept(&self) -> bool {
        !matches!(self, CrossingOutcome::Refused(_))
    }
}

impl RefusedField {
    /// As the domain names a problem: `(field, problem)`.
    pub fn pair(&self) -> (&str, &str) {
        (&self.field, &self.problem)
    }
}

/// What importing a file of typed paper forms did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperImport {
    /// Forms stored as new declarations.
    pub imported: u64,
    /// Forms joined to a declaration of the same person and trip (online, or an earlier form).
    pub linked: u64,
    /// Forms this checkpoint already holds under the same `form_number`: nothing changed.
    pub duplicates: u64,
    pub rejected: Vec<RejectedRow>,
}

/// A row of an import file that was not stored, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectedRow {
    /// The file's line number where the row starts; the header is line 1.
    pub line: u64,
    /// The column, or null for a problem of the whole row or file (`not_utf8`, `wrong_field_count`).
    pub field: Option<String>,
    /// A declaration problem (`required`, `not_a_date`, `cccd_birth_year_mismatch`, …) or an import
    /// problem: `missing_column`, `not_utf8`, `wrong_field_count`, `form_number_repeated` (the same
    /// serial twice in the file with other contents), `form_number_taken` (stored with other contents).
    pub problem: String,
}

/// A declaration that looks like the same trip as a paper form being typed, as the officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SameTrip {
    pub declaration_id: i64,
    /// `online` or `paper`.
    pub channel: String,
    pub full_name: String,
    pub document_number: String,
    /// `DD/MM/YYYY`.
    pub birth_date: String,
    /// `DD/MM/YYYY`.
    pub travel_date: String,
    pub destination: String,
}

/// A checkpoint's paper forms of one day: collected (as counted), typed, and left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperBatch {
    pub checkpoint: String,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub collected_on: String,
    pub collected: i64,
    /// Typed and stored (created or linked).
    pub typed: i64,
    /// Typed, but waiting for someone to check the paper.
    pub needs_checking: i64,
    /// Collected and not yet typed.
    pub untyped: i64,
    /// How long the oldest untyped form has waited, since the batch was counted.
    pub waiting_minutes: Option<i64>,
}

/// A form kept as typed because the paper was hard to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingForm {
    pub form_number: String,
    /// `YYYY-MM-DD`.
    pub collected_on: String,
    pub entered_by: String,
    pub entered_at: String,
    pub typed: domain::paper::TypedForm,
}

/// The paper-entry form between two rounds: what was typed, what ZonePass found or could not read, for
/// the officer who typed it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaperDraft {
    pub officer_id: i64,
    pub typed: domain::paper::TypedForm,
    /// Declarations that look like the same trip: link to one, or keep a new record with a reason.
    pub found: Vec<SameTrip>,
    pub problems: Vec<domain::paper::PaperProblem>,
    /// For a place typed as a name several communes bear: the communes to choose from.
    pub choices: Vec<PlaceChoices>,
    pub error: Option<crate::error::ErrorCode>,
    /// What a file uploaded from the screen did: its first rejected rows only, with their number.
    pub import: Option<ImportOutcome>,
}

/// An upload's report as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub report: PaperImport,
    /// Nothing was stored.
    pub refused: bool,
    /// Every rejected row, of which `report.rejected` holds the first.
    pub rejected_total: u64,
}

/// The communes a typed place name may mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceChoices {
    /// `residence_commune`, `origin_commune` or `destination_commune`.
    pub field: String,
    pub communes: Vec<CommuneMatch>,
}

/// A unit's daily list of a day, as the screens and `GET /api/v1/units/{code}/lists` show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DailyList {
    /// The unit; empty for the whole country.
    pub unit_code: String,
    pub unit_name: String,
    pub date: String,
    /// The hand-over status of the unit's list (`new`, `forwarded`, `acknowledged`), or `open` while
    /// the day is not closed. The country's list is `closed` once built.
    pub status: String,
    /// When the day was closed (RFC 3339), once it is.
    pub closed_at: Option<String>,
    /// When this answer was made (RFC 3339).
    pub generated_at: String,
    pub counts: ListCounts,
    /// Who forwarded the unit's list, and who acknowledged it.
    pub forwarded: Option<HandoverStep>,
    pub acknowledged: Option<HandoverStep>,
    /// The addendum's own hand-over status, while it has rows.
    pub addendum_status: Option<String>,
    /// The units below, each with its own list's status and arrivals.
    pub children: Vec<ListChild>,
    /// The people on the list; empty for an account that may see the counts only, and once the day's
    /// personal records were purged.
    pub arrivals: Vec<ListArrival>,
    /// The day's personal records were purged after the retention period: its counts stay as they were.
    pub purged: bool,
    /// Whether the asking account may acknowledge the unit's list (and its addendum) now.
    pub may_acknowledge: bool,
    /// The part it would acknowledge: `main`, then `addendum`; null when there is none to.
    pub acknowledge_part: Option<String>,
    /// The units above, from the top: where a drill-down came from.
    pub above: Vec<UnitOption>,
    /// The checkpoints in the unit and what each recorded that day.
    pub checkpoints: Vec<ListCheckpoint>,
    /// The epidemic areas in force now in the unit, or over it.
    pub areas: Vec<AreaInForce>,
}

/// An epidemic area as the people of a unit live under it: where, how high, since and until when
/// (Vietnam's time). Who declared it and the administrator's note stay on the administrator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaInForce {
    pub unit_code: String,
    pub unit_name: String,
    pub level: u8,
    pub valid_from: String,
    pub valid_until: Option<String>,
}

/// What a checkpoint recorded on a day: crossings in and out, and the people they were of. It counts
/// every crossing stored, late ones too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListCheckpoint {
    pub code: String,
    pub name: String,
    pub entering: i64,
    pub leaving: i64,
    pub people: i64,
}

/// A step of a list's hand-over: who, and when (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoverStep {
    pub by: String,
    pub at: String,
}

/// What a list counts. `arrivals` is its number of rows; the other figures split them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListCounts {
    pub arrivals: i64,
    /// Seen crossing a checkpoint.
    pub crossed: i64,
    /// With a declaration for the day.
    pub declared: i64,
    /// Seen crossing without a declaration.
    pub crossing_only: i64,
    pub online: i64,
    pub paper: i64,
    /// Rows of the addendum: records that reached the server after the close.
    pub addendum: i64,
}

/// A unit below, with its list's hand-over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListChild {
    pub unit_code: String,
    pub name: String,
    /// `open`, `new`, `forwarded` or `acknowledged`.
    pub status: String,
    pub arrivals: i64,
    pub crossed: i64,
    pub addendum: i64,
    pub addendum_status: Option<String>,
    pub forwarded: Option<HandoverStep>,
    pub acknowledged: Option<HandoverStep>,
    /// Forwarded longer ago than the configured time and still not acknowledged.
    pub overdue: bool,
    /// Whether the asking account may forward this unit's list (and its addendum) now.
    pub may_forward: bool,
    /// The part it would forward: `main`, then `addendum`; null when there is none to.
    pub forward_part: Option<String>,
}

/// A person on a daily list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListArrival {
    pub document_number: String,
    pub full_name: String,
    /// `YYYY-MM-DD`; empty when only a crossing of an unknown person is on record.
    pub birth_date: String,
    pub sex: String,
    pub origin_commune: String,
    pub destination_commune: String,
    /// The trip's date; null for someone seen crossing without any declaration.
    pub travel_date: Option<String>,
    /// `online`, `paper`, or `crossing` for someone seen crossing without a declaration for the day.
    pub channel: String,
    /// The first crossing of the day (RFC 3339), if any.
    pub crossed_at: Option<String>,
    pub checkpoint: Option<String>,
    /// `main`, or `addendum` for a record that reached the server after the close.
    pub part: String,
    /// An addendum row of someone already on the list.
    pub listed_before: bool,
    /// Doses declared for the trip (null for someone seen crossing without a declaration), doses on
    /// record in the vaccination database, and whether the two disagree.
    pub declared_doses: Option<u8>,
    pub registered_doses: u8,
    pub doses_differ: bool,
}

/// What closing a day did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayClosed {
    pub date: String,
    /// False when the day was closed before: nothing changed.
    pub newly: bool,
    pub arrivals: i64,
    pub communes: usize,
}

/// One day's counts under a unit, for the charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCount {
    pub date: String,
    pub closed: bool,
    pub arrivals: i64,
    pub crossed: i64,
    pub crossing_only: i64,
}

/// A list's hand-over after a forward or an acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListHandover {
    pub unit_code: String,
    pub date: String,
    /// `main` or `addendum`.
    pub part: String,
    /// `forwarded` or `acknowledged`.
    pub status: String,
    pub forwarded: Option<HandoverStep>,
    pub acknowledged: Option<HandoverStep>,
}

/// A commune's arrivals of a day, each with what ZonePass proposes from the population registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReconciliationList {
    /// Arrivals decided.
    pub done: i64,
    /// Arrivals still to decide.
    pub left: i64,
    pub items: Vec<ReconciliationItem>,
}

/// One arrival to reconcile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReconciliationItem {
    pub arrival_id: i64,
    pub document_number: String,
    pub full_name: String,
    /// `resident_here`, `registered_elsewhere`, `not_found` or `differs`.
    pub proposal: String,
    /// Each fact the declaration and the registry disagree on.
    pub differences: Vec<DifferenceView>,
    /// `confirm`, `temporary_stay`, `correct_declaration`, `propose_registry_correction`; null
    /// until decided.
    pub decision: Option<String>,
    pub note: String,
    /// The facts the officer corrected, by field.
    pub corrections: std::collections::BTreeMap<String, String>,
    /// Doses declared (null for someone seen crossing without a declaration) and on record.
    pub declared_doses: Option<u8>,
    pub registered_doses: u8,
}

/// A fact as the declaration and the registry each have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DifferenceView {
    /// `full_name`, `birth_date`, `sex`, `residence_commune` or `address`.
    pub field: String,
    pub declared: String,
    pub registered: String,
}

/// A commune officer's decision about an arrival.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    /// `confirm`, `temporary_stay`, `correct_declaration` or `propose_registry_correction`.
    pub decision: String,
    /// A note; for a registry correction, the evidence it rests on.
    #[serde(default)]
    pub note: String,
    /// Corrected facts by field (`full_name`, `birth_date`, `sex`, `residence_commune`, `address`),
    /// for `correct_declaration` and `propose_registry_correction`.
    #[serde(default)]
    pub corrections: std::collections::BTreeMap<String, String>,
}

/// A unit's daily report for its epidemic steering committee: figures only, nobody named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DailyReport {
    pub unit_code: String,
    pub unit_name: String,
    pub date: String,
    /// Whether the day's lists are closed; a report is approved only then.
    pub closed: bool,
    pub arrivals: i64,
    /// Arrivals by the code of the province they came from (`unknown` for someone seen crossing whom
    /// nothing names an origin for).
    pub by_origin: std::collections::BTreeMap<String, i64>,
    /// Arrivals by the epidemic level in force where they came from: `1` to `4`, or `none`.
    pub by_origin_level: std::collections::BTreeMap<String, i64>,
    /// Arrivals reconciled with the registry, still to reconcile, and not found in it.
    pub confirmed: i64,
    pub pending: i64,
    pub not_found: i64,
    /// Arrivals by the doses on record: `0`, `1`, `2`, `3+`.
    pub vaccination: std::collections::BTreeMap<String, i64>,
    /// Arrivals by the doses they declared: `0`, `1`, `2`, `3+`, or `not_declared` (seen crossing only).
    pub vaccination_declared: std::collections::BTreeMap<String, i64>,
    /// Arrivals whose declared doses differ from those on record.
    pub doses_differ: i64,
    /// Arrivals from a level 3 or 4 area, whom the commune follows up.
    pub follow_up: i64,
    /// Arrivals on each of the 14 days up to this one.
    pub trend: Vec<DayCount>,
    pub approved_by: Option<String>,
    /// RFC 3339; with `approved_by`, null until the commune chief approves the report.
    pub approved_at: Option<String>,
    /// What changed since the approval: the figures above are those approved.
    pub amendment: Vec<AmendedFigure>,
    /// Whether the asker may approve it now.
    pub may_approve: bool,
    /// For a district (or a province), each unit right below that had arrivals, with how far its
    /// reconciliation has come; empty for a commune.
    pub below: Vec<UnitProgress>,
}

/// How far a unit's reconciliation of a day's arrivals has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitProgress {
    pub unit_code: String,
    pub name: String,
    pub arrivals: i64,
    /// Decided: confirmed or not found.
    pub done: i64,
    /// Still to decide.
    pub left: i64,
}

/// A figure of an approved report that has changed since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmendedFigure {
    /// `arrivals`, `confirmed`, …, or a breakdown's `by_origin.30`, `by_origin_level.4`, `vaccination.3+`.
    pub figure: String,
    pub approved: i64,
    pub now: i64,
}

/// A registry correction a commune officer proposed, with the registry's values beside the proposed
/// ones, and the chief's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CorrectionView {
    pub id: i64,
    pub document_number: String,
    /// The facts proposed, by field (`full_name`, `birth_date`, `sex`, `residence_commune`, `address`).
    pub proposed: std::collections::BTreeMap<String, String>,
    /// The registry's values when it was proposed (empty for someone it did not hold).
    pub registered: std::collections::BTreeMap<String, String>,
    /// The evidence the officer saw.
    pub evidence: String,
    /// `proposed`, `accepted` or `rejected`.
    pub status: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
}

/// The commune chief's review of a proposed registry correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewInput {
    /// `accept` or `reject`.
    pub review: String,
}

/// A citizen asking what ZonePass holds on them: their document number and the phone number they
/// declared with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnDataQuery {
    /// 9 or 12 digits (surrounding spaces are ignored).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*([0-9]{9}|[0-9]{12})\s*$"))]
    pub document_number: String,
    /// The mobile number declared: 10 digits from 03, 05, 07, 08 or 09, or with 84 or +84 instead of
    /// the 0, spaces, dots, dashes and brackets anywhere.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[ .()-]*(\+[ .()-]*8[ .()-]*4|8[ .()-]*4|0)[ .()-]*[35789]([ .()-]*[0-9]){8}[ .()-]*$"
        )
    )]
    pub phone: String,
}

/// What ZonePass holds on a person, as declared with that phone number: the same answer, with no
/// trips, whether it holds nothing on the number or holds it under another phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnData {
    pub document_number: String,
    /// Days after a trip its records are held.
    pub held_for_days: u16,
    /// Newest trip first.
    pub trips: Vec<OwnTrip>,
}

/// One trip's records: the declaration as made, its passes, the crossings made with them, and whether
/// the commune's police have checked it against the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnTrip {
    pub travel_date: String,
    /// The last day the trip's records are held (`YYYY-MM-DD`); they are deleted the day after.
    pub held_until: String,
    /// `online` or `paper`.
    pub channel: String,
    /// When it was declared (RFC 3339).
    pub declared_at: String,
    pub full_name: String,
    pub birth_date: String,
    pub sex: String,
    pub phone: String,
    pub residence: String,
    pub residence_address: String,
    pub origin: String,
    pub destination: String,
    pub vehicle: String,
    pub vehicle_plate: String,
    pub symptoms: Vec<String>,
    pub close_contact: bool,
    pub vaccination_doses: u8,
    pub passes: Vec<OwnPass>,
    pub crossings: Vec<OwnCrossing>,
    /// Whether the destination commune's police have checked the arrival against the registry.
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnPass {
    /// RFC 3339.
    pub issued_at: String,
    pub expires_at: String,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnCrossing {
    pub checkpoint: String,
    /// `in` or `out`.
    pub direction: String,
    /// RFC 3339.
    pub scanned_at: String,
}
