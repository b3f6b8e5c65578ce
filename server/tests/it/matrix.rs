//! The role × unit × entry-point matrix: every REST route, form post and server function, called by every
//! demo role and by no one, with a target inside the caller's scope and one outside it, and checked
//! against `domain::can`. The entry points come from the router's own lists (`rest::entry_points`,
//! `forms::entry_points`) and Leptos's registry of server functions, so a new one without a row here
//! fails the test.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};

use backend::demo::DEMO_PASSWORD;
use backend::{accounts, admin, Official};
use domain::{can, Action, Actor, Target};

use crate::checkpoint::pass_from;
use crate::harness::{operator, Reply, TestApp};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Inside,
    Outside,
}

/// Who the matrix expects an entry point to serve.
enum Gate {
    /// Anyone, with or without an account.
    Public,
    /// Any signed-in official (their own session and password).
    SignedIn,
    /// An official whom `can` allows, for the target on the given side.
    Can(fn(&Actor, Side, &World) -> bool),
    /// An official whom `can` allows this action on the system as a whole (administration).
    System(Action),
}

enum Call {
    /// A REST request: method, path, JSON body.
    Rest(Method, String, Option<Value>),
    /// A form post (or the language link): path and urlencoded body.
    Form(Method, String, String),
    /// A server function by name, with its urlencoded arguments.
    ServerFn(&'static str, String),
}

struct Entry {
    /// `METHOD /path` as the router lists it, or the server function's name.
    name: &'static str,
    gate: Gate,
    call: fn(&World, Side) -> Call,
}

/// What the calls point at: a checkpoint and a person in Hải Dương (inside the demo accounts' scopes) and
/// in Hà Nội (outside all but the national police's), a pass and its holder's key.
struct World {
    checkpoint: [(String, domain::UnitCode); 2],
    person: [(String, domain::UnitCode); 2],
    pass: Value,
    area_id: i64,
    user_id: i64,
    tree: std::sync::Arc<backend::units::ActiveTree>,
}

impl World {
    fn pick<T: Clone>(pair: &[T; 2], side: Side) -> T {
        pair[usize::from(side == Side::Outside)].clone()
    }

    fn checkpoint(&self, side: Side) -> String {
        World::pick(&self.checkpoint, side).0
    }

    fn person(&self, side: Side) -> String {
        World::pick(&self.person, side).0
    }

    fn checkpoint_allows(&self, actor: &Actor, action: Action, side: Side) -> bool {
        let (code, unit) = World::pick(&self.checkpoint, side);
        let path = self.tree.tree.path_of(&unit);
        can(actor, action, Target::Checkpoint { code: &code, unit: &path })
    }

    fn person_allows(&self, actor: &Actor, side: Side) -> bool {
        let (_, commune) = World::pick(&self.person, side);
        let path = self.tree.tree.path_of(&commune);
        can(actor, Action::ReadPersonalData, Target::Unit(&path))
    }

    /// The commune of the person on that side.
    fn commune(&self, side: Side) -> String {
        World::pick(&self.person, side).1.to_string()
    }

    fn unit_allows(&self, actor: &Actor, action: Action, side: Side) -> bool {
        let (_, commune) = World::pick(&self.person, side);
        let path = self.tree.tree.path_of(&commune);
        can(actor, action, Target::Unit(&path))
    }

    fn key(&self) -> String {
        self.pass["holder_key"].as_str().unwrap_or_default().to_owned()
    }
}

/// A crossing of the person inside, as a device sends it.
fn crossing_form(prefix: &str) -> String {
    [
        ("client_id", "matrix-0001"),
        ("document_number", "030190000333"),
        ("direction", "in"),
        ("verdict", "green"),
        ("action", "let_through"),
        ("scanned_at", "2026-11-28T00:55:00Z"),
        ("offline", "true"),
        ("corrected", "false"),
    ]
    .iter()
    .map(|(k, v)| format!("{prefix}[{k}]={v}"))
    .collect::<Vec<_>>()
    .join("&")
}

fn crossing_json() -> Value {
    json!({ "client_id": "matrix-0001", "document_number": "030190000333", "direction": "in",
        "verdict": "green", "action": "let_through", "scanned_at": "2026-11-28T00:55:00Z", "offline": true })
}

fn declaration() -> Value {
    json!({
        "document_type": "cccd", "document_number": "030190000999", "full_name": "Lê Thị Mai",
        "birth_date": "1990-06-01", "sex": "female", "phone": "0912345678", "residence_commune": "10507",
        "residence_address": "Số 3", "origin_commune": "00004", "destination_commune": "10507",
        "travel_date": "2026-11-28", "vehicle": "car", "vaccination_doses": 2
    })
}

/// The matrix: one row an entry point, kept one line a row so it reads as a table.
#[rustfmt::skip]
fn entries() -> Vec<Entry> {
    use Gate::*;
    vec![
        // REST.
        Entry { name: "POST /api/v1/session", gate: Public, call: |_, _| Call::Rest(Method::POST, "/api/v1/session".into(), Some(json!({"username": "national", "password": DEMO_PASSWORD}))) },
        Entry { name: "GET /api/v1/me", gate: SignedIn, call: |_, _| Call::Rest(Method::GET, "/api/v1/me".into(), None) },
        Entry { name: "GET /api/v1/units", gate: Public, call: |_, _| Call::Rest(Method::GET, "/api/v1/units".into(), None) },
        Entry { name: "POST /api/v1/my-data", gate: Public, call: |_, _| Call::Rest(Method::POST, "/api/v1/my-data".into(), Some(json!({"document_number": "030190000999", "phone": "0912345678"}))) },
        Entry { name: "POST /api/v1/declarations", gate: Public, call: |_, _| Call::Rest(Method::POST, "/api/v1/declarations".into(), Some(declaration())) },
        Entry { name: "GET /api/v1/keys", gate: Public, call: |_, _| Call::Rest(Method::GET, "/api/v1/keys".into(), None) },
        Entry { name: "GET /api/v1/passes/{holder_key}/qr.svg", gate: Public, call: |w, _| Call::Rest(Method::GET, format!("/api/v1/passes/{}/qr.svg", w.key()), None) },
        Entry { name: "GET /api/v1/passes/{holder_key}/qr.png", gate: Public, call: |w, _| Call::Rest(Method::GET, format!("/api/v1/passes/{}/qr.png", w.key()), None) },
        // Cancelling needs only the key: the pass here is a throwaway, cancelled again each time.
        Entry { name: "DELETE /api/v1/passes/{holder_key}", gate: Public, call: |w, _| Call::Rest(Method::DELETE, format!("/api/v1/passes/{}", w.key()), None) },
        Entry { name: "POST /api/v1/passes/verify", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |w, _| Call::Rest(Method::POST, "/api/v1/passes/verify".into(), Some(json!({"token": w.pass["token"]}))) },
        Entry { name: "POST /api/v1/crossings", gate: Can(|a, _, _| a.may(Action::RecordCrossing)), call: |_, _| Call::Rest(Method::POST, "/api/v1/crossings".into(), Some(json!({"crossings": [crossing_json()]}))) },
        Entry { name: "POST /api/v1/crossings/discarded", gate: Can(|a, _, _| a.may(Action::RecordCrossing)), call: |_, _| Call::Rest(Method::POST, "/api/v1/crossings/discarded".into(), Some(crossing_json())) },
        Entry { name: "GET /api/v1/checkpoints/{code}/crossings", gate: Can(|a, s, w| w.checkpoint_allows(a, Action::ReadCrossings, s)), call: |w, s| Call::Rest(Method::GET, format!("/api/v1/checkpoints/{}/crossings", w.checkpoint(s)), None) },
        Entry { name: "POST /api/v1/checkpoints/{code}/paper-forms", gate: Can(|a, s, w| w.checkpoint_allows(a, Action::EnterPaperDeclaration, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/checkpoints/{}/paper-forms", w.checkpoint(s)), Some(json!({}))) },
        Entry { name: "GET /api/v1/units/{code}/lists", gate: Can(|a, s, w| w.unit_allows(a, Action::ViewUnit, s)), call: |w, s| Call::Rest(Method::GET, format!("/api/v1/units/{}/lists?date=2026-11-28", w.commune(s)), None) },
        Entry { name: "POST /api/v1/units/{code}/lists/{date}/forward", gate: Can(|a, s, w| w.unit_allows(a, Action::ForwardDailyList, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/units/{}/lists/2026-11-28/forward", w.commune(s)), None) },
        Entry { name: "POST /api/v1/units/{code}/lists/{date}/acknowledge", gate: Can(|a, s, w| w.unit_allows(a, Action::AcknowledgeDailyList, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/units/{}/lists/2026-11-28/acknowledge", w.commune(s)), None) },
        Entry { name: "GET /api/v1/units/{commune}/reconciliation", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadPersonalData, s)), call: |w, s| Call::Rest(Method::GET, format!("/api/v1/units/{}/reconciliation?date=2026-11-28", w.commune(s)), None) },
        Entry { name: "POST /api/v1/units/{commune}/reconciliation/{arrival_id}", gate: Can(|a, s, w| w.unit_allows(a, Action::ReconcileArrival, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/units/{}/reconciliation/1", w.commune(s)), Some(json!({"decision": "confirm"}))) },
        Entry { name: "GET /api/v1/units/{code}/reports/{date}", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadReports, s)), call: |w, s| Call::Rest(Method::GET, format!("/api/v1/units/{}/reports/2026-11-28", w.commune(s)), None) },
        Entry { name: "POST /api/v1/units/{code}/reports/{date}/approve", gate: Can(|a, s, w| w.unit_allows(a, Action::ApproveReport, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/units/{}/reports/2026-11-28/approve", w.commune(s)), None) },
        Entry { name: "GET /api/v1/units/{commune}/registry-corrections", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadPersonalData, s)), call: |w, s| Call::Rest(Method::GET, format!("/api/v1/units/{}/registry-corrections", w.commune(s)), None) },
        Entry { name: "POST /api/v1/units/{commune}/registry-corrections/{id}", gate: Can(|a, s, w| w.unit_allows(a, Action::ReviewRegistryCorrection, s)), call: |w, s| Call::Rest(Method::POST, format!("/api/v1/units/{}/registry-corrections/1", w.commune(s)), Some(json!({"review": "accept"}))) },
        Entry { name: "GET /api/v1/openapi.json", gate: Public, call: |_, _| Call::Rest(Method::GET, "/api/v1/openapi.json".into(), None) },
        // Form posts.
        Entry { name: "POST /forms/login", gate: Public, call: |_, _| Call::Form(Method::POST, "/forms/login".into(), "username=nobody&password=wrong-password".into()) },
        Entry { name: "POST /forms/password", gate: SignedIn, call: |_, _| Call::Form(Method::POST, "/forms/password".into(), "current=wrong-password&new=another-password-1&repeat=another-password-2".into()) },
        Entry { name: "POST /forms/users", gate: System(Action::ManageUsers), call: |_, _| Call::Form(Method::POST, "/forms/users".into(), "username=x&password=short&role=admin".into()) },
        Entry { name: "POST /forms/users/active", gate: System(Action::ManageUsers), call: |w, _| Call::Form(Method::POST, "/forms/users/active".into(), format!("user_id={}&active=1", w.user_id)) },
        Entry { name: "POST /forms/checkpoints", gate: System(Action::ManageCheckpoints), call: |_, _| Call::Form(Method::POST, "/forms/checkpoints".into(), "code=&name=&unit_code=".into()) },
        Entry { name: "POST /forms/checkpoints/active", gate: System(Action::ManageCheckpoints), call: |w, s| Call::Form(Method::POST, "/forms/checkpoints/active".into(), format!("code={}&active=1", w.checkpoint(s))) },
        Entry { name: "POST /forms/my-data", gate: Public, call: |_, _| Call::Form(Method::POST, "/forms/my-data".into(), "document_number=030190000999&phone=0912345678".into()) },
        Entry { name: "POST /forms/declare", gate: Public, call: |_, _| Call::Form(Method::POST, "/forms/declare".into(), "document_type=cccd&refresh=1".into()) },
        Entry { name: "POST /forms/pass/cancel", gate: Public, call: |w, _| Call::Form(Method::POST, "/forms/pass/cancel".into(), format!("key={}", w.key())) },
        Entry { name: "POST /forms/scan", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |w, _| Call::Form(Method::POST, "/forms/scan".into(), format!("code={}&direction=in", w.pass["token"].as_str().unwrap_or_default())) },
        Entry { name: "POST /forms/crossing", gate: Can(|a, _, _| a.may(Action::RecordCrossing)), call: |_, _| Call::Form(Method::POST, "/forms/crossing".into(), "scan=unknown&outcome=confirm".into()) },
        Entry { name: "POST /forms/card", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |_, _| Call::Form(Method::POST, "/forms/card".into(), "scan=unknown&card=".into()) },
        Entry { name: "POST /forms/areas", gate: System(Action::ManageAreas), call: |_, _| Call::Form(Method::POST, "/forms/areas".into(), "unit_code=&level=&valid_from=&valid_until=&note=".into()) },
        Entry { name: "POST /forms/areas/end", gate: System(Action::ManageAreas), call: |w, _| Call::Form(Method::POST, "/forms/areas/end".into(), format!("id={}", w.area_id)) },
        Entry { name: "POST /forms/rules", gate: System(Action::ManageAreas), call: |_, _| Call::Form(Method::POST, "/forms/rules".into(), "province=30&outside=x&level_1=x&level_2=x&level_3=x&level_4=x".into()) },
        Entry { name: "POST /forms/paper", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::Form(Method::POST, "/forms/paper".into(), "form_number=&choice=save".into()) },
        Entry { name: "POST /forms/paper/count", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::Form(Method::POST, "/forms/paper/count".into(), "day=&collected=3".into()) },
        Entry { name: "POST /forms/paper/import", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::Form(Method::POST, "/forms/paper/import".into(), "file=x".into()) },
        Entry { name: "GET /nhap-lieu/mau.csv", gate: Public, call: |_, _| Call::Form(Method::GET, "/nhap-lieu/mau.csv".into(), String::new()) },
        Entry { name: "GET /lang", gate: Public, call: |_, _| Call::Form(Method::GET, "/lang?to=en&back=/".into(), String::new()) },
        // Server functions.
        Entry { name: "get_me", gate: Public, call: |_, _| Call::ServerFn("get_me", String::new()) },
        Entry { name: "get_scope_overview", gate: Can(|a, _, _| can(a, Action::ManageUsers, Target::System) || a.may(Action::ViewUnit) || a.may(Action::ScanPass) || a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::ServerFn("get_scope_overview", String::new()) },
        Entry { name: "look_up_person", gate: Can(|a, s, w| w.person_allows(a, s)), call: |w, s| Call::ServerFn("look_up_person", format!("document_number={}", w.person(s))) },
        Entry { name: "list_users", gate: System(Action::ManageUsers), call: |_, _| Call::ServerFn("list_users", String::new()) },
        Entry { name: "list_checkpoints", gate: System(Action::ManageCheckpoints), call: |_, _| Call::ServerFn("list_checkpoints", String::new()) },
        Entry { name: "recent_audit", gate: System(Action::ReadAudit), call: |_, _| Call::ServerFn("recent_audit", String::new()) },
        Entry { name: "get_pass", gate: Public, call: |w, _| Call::ServerFn("get_pass", format!("key={}", w.key())) },
        Entry { name: "get_draft", gate: Public, call: |_, _| Call::ServerFn("get_draft", "id=unknown".into()) },
        Entry { name: "get_own_data", gate: Public, call: |_, _| Call::ServerFn("get_own_data", "id=unknown".into()) },
        Entry { name: "retention_days", gate: Public, call: |_, _| Call::ServerFn("retention_days", String::new()) },
        Entry { name: "list_provinces", gate: Public, call: |_, _| Call::ServerFn("list_provinces", String::new()) },
        Entry { name: "list_communes", gate: Public, call: |_, _| Call::ServerFn("list_communes", "province=30".into()) },
        Entry { name: "search_communes", gate: Public, call: |_, _| Call::ServerFn("search_communes", "query=cam".into()) },
        Entry { name: "list_areas", gate: System(Action::ManageAreas), call: |_, _| Call::ServerFn("list_areas", String::new()) },
        Entry { name: "get_rules", gate: System(Action::ManageAreas), call: |_, _| Call::ServerFn("get_rules", "province=30".into()) },
        Entry { name: "get_scanner_bundle", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |_, _| Call::ServerFn("get_scanner_bundle", "device_id=matrix-device&pending=0".into()) },
        Entry { name: "checkpoint_day", gate: Can(|a, s, w| w.checkpoint_allows(a, Action::ReadCrossings, s)), call: |w, s| Call::ServerFn("checkpoint_day", format!("code={}&date=", w.checkpoint(s))) },
        Entry { name: "get_scan", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |_, _| Call::ServerFn("get_scan", "id=unknown".into()) },
        Entry { name: "sync_crossings", gate: Can(|a, _, _| a.may(Action::RecordCrossing)), call: |_, _| Call::ServerFn("sync_crossings", crossing_form("crossings[0]")) },
        Entry { name: "discard_crossing", gate: Can(|a, _, _| a.may(Action::RecordCrossing)), call: |_, _| Call::ServerFn("discard_crossing", crossing_form("crossing")) },
        Entry { name: "scan_number", gate: Can(|a, _, _| a.may(Action::LookUpPerson)), call: |w, s| Call::ServerFn("scan_number", format!("number={}", w.person(s))) },
        Entry { name: "doses_on_record", gate: Can(|a, _, _| a.may(Action::ScanPass)), call: |w, s| Call::ServerFn("doses_on_record", format!("number={}", w.person(s))) },
        Entry { name: "get_paper_draft", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::ServerFn("get_paper_draft", "id=unknown".into()) },
        Entry { name: "paper_batches", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration) || a.may(Action::ViewUnit)), call: |_, _| Call::ServerFn("paper_batches", String::new()) },
        Entry { name: "waiting_paper_forms", gate: Can(|a, _, _| a.may(Action::EnterPaperDeclaration)), call: |_, _| Call::ServerFn("waiting_paper_forms", String::new()) },
        Entry { name: "daily_list", gate: Can(|a, s, w| w.unit_allows(a, Action::ViewUnit, s)), call: |w, s| Call::ServerFn("daily_list", format!("unit={}&date=2026-11-28", w.commune(s))) },
        Entry { name: "list_history", gate: Can(|a, s, w| w.unit_allows(a, Action::ViewUnit, s)), call: |w, s| Call::ServerFn("list_history", format!("unit={}&date=2026-11-28", w.commune(s))) },
        Entry { name: "forward_list", gate: Can(|a, s, w| w.unit_allows(a, Action::ForwardDailyList, s)), call: |w, s| Call::ServerFn("forward_list", format!("unit={}&date=2026-11-28&part=main", w.commune(s))) },
        Entry { name: "acknowledge_list", gate: Can(|a, s, w| w.unit_allows(a, Action::AcknowledgeDailyList, s)), call: |w, s| Call::ServerFn("acknowledge_list", format!("unit={}&date=2026-11-28&part=main", w.commune(s))) },
        Entry { name: "POST /forms/reports/approve", gate: Can(|a, s, w| w.unit_allows(a, Action::ApproveReport, s)), call: |w, s| Call::Form(Method::POST, "/forms/reports/approve".into(), format!("unit={}&date=2026-11-28", w.commune(s))) },
        Entry { name: "daily_report", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadReports, s)), call: |w, s| Call::ServerFn("daily_report", format!("unit={}&date=2026-11-28", w.commune(s))) },
        Entry { name: "POST /forms/registry-corrections", gate: Can(|a, s, w| w.unit_allows(a, Action::ReviewRegistryCorrection, s)), call: |w, s| Call::Form(Method::POST, "/forms/registry-corrections".into(), format!("unit={}&id=1&review=accept", w.commune(s))) },
        Entry { name: "GET /sua-du-lieu/tep", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadPersonalData, s)), call: |w, s| Call::Form(Method::GET, format!("/sua-du-lieu/tep?don-vi={}", w.commune(s)), String::new()) },
        Entry { name: "registry_corrections", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadPersonalData, s)), call: |w, s| Call::ServerFn("registry_corrections", format!("unit={}", w.commune(s))) },
        Entry { name: "POST /forms/reconciliation", gate: Can(|a, s, w| w.unit_allows(a, Action::ReconcileArrival, s)), call: |w, s| Call::Form(Method::POST, "/forms/reconciliation".into(), format!("unit={}&date=2026-11-28&arrival=1&decision=confirm", w.commune(s))) },
        Entry { name: "reconciliation_list", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadPersonalData, s)), call: |w, s| Call::ServerFn("reconciliation_list", format!("unit={}&date=2026-11-28", w.commune(s))) },
        Entry { name: "POST /forms/lists/forward", gate: Can(|a, s, w| w.unit_allows(a, Action::ForwardDailyList, s)), call: |w, s| Call::Form(Method::POST, "/forms/lists/forward".into(), format!("unit={}&date=2026-11-28&part=main&back=", w.commune(s))) },
        Entry { name: "POST /forms/lists/acknowledge", gate: Can(|a, s, w| w.unit_allows(a, Action::AcknowledgeDailyList, s)), call: |w, s| Call::Form(Method::POST, "/forms/lists/acknowledge".into(), format!("unit={}&date=2026-11-28&part=main&back=", w.commune(s))) },
        Entry { name: "GET /bao-cao/tep", gate: Can(|a, s, w| w.unit_allows(a, Action::ReadReports, s)), call: |w, s| Call::Form(Method::GET, format!("/bao-cao/tep?don-vi={}&ngay=2026-11-28&dang=csv", w.commune(s)), String::new()) },
        Entry { name: "GET /danh-sach/tep", gate: Can(|a, s, w| w.unit_allows(a, Action::ViewUnit, s)), call: |w, s| Call::Form(Method::GET, format!("/danh-sach/tep?don-vi={}&ngay=2026-11-28&dang=csv", w.commune(s)), String::new()) },
        // Last: each ends the caller's session.
        Entry { name: "DELETE /api/v1/session", gate: SignedIn, call: |_, _| Call::Rest(Method::DELETE, "/api/v1/session".into(), None) },
        Entry { name: "POST /forms/logout", gate: Public, call: |_, _| Call::Form(Method::POST, "/forms/logout".into(), String::new()) },
    ]
}

/// The server functions Leptos registered, by name (their paths are `/api/{name}{hash}`).
fn server_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| {
            path.trim_start_matches("/api/")
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned()
        })
        .collect()
}

fn server_fn_path(name: &str) -> String {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .find(|path| {
            path.strip_prefix("/api/")
                .and_then(|rest| rest.strip_prefix(name))
                .is_some_and(|hash| hash.chars().all(|c| c.is_ascii_digit()))
        })
        .unwrap_or_else(|| panic!("no server function {name}"))
        .to_owned()
}

/// What a caller got: served (whatever the outcome), or refused for who they are.
fn refused(call: &Call, reply: &Reply) -> bool {
    let code_says = |body: &str| {
        serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .is_some_and(|c| c == "forbidden" || c == "unauthenticated")
    };
    match call {
        Call::Rest(..) => matches!(reply.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
        Call::Form(..) => {
            let to = reply.location();
            to.contains("error=forbidden") || to.contains("error=unauthenticated")
        }
        Call::ServerFn(..) => code_says(&reply.body),
    }
}

async fn send(app: &TestApp, call: &Call, token: Option<&str>) -> Reply {
    let peer = format!("10.60.{}.{}", rand::random::<u8>(), rand::random::<u8>());
    let mut request = match call {
        Call::Rest(method, path, body) => Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.as_ref().map_or_else(Body::empty, |b| Body::from(b.to_string()))),
        Call::Form(method, path, body) => Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.clone())),
        Call::ServerFn(name, body) => Request::post(server_fn_path(name))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.clone())),
    }
    .unwrap();
    request.headers_mut().insert("x-forwarded-for", peer.parse().unwrap());
    if let Some(token) = token {
        let value = match call {
            Call::Rest(..) => format!("Bearer {token}"),
            _ => String::new(),
        };
        if value.is_empty() {
            request
                .headers_mut()
                .insert(header::COOKIE, format!("zp_session={token}").parse().unwrap());
        } else {
            request.headers_mut().insert(header::AUTHORIZATION, value.parse().unwrap());
        }
    }
    app.send(request).await
}

async fn world(app: &TestApp) -> World {
    let hn01 = admin::NewCheckpointInput {
        code: "HN01".into(),
        name: "Chốt Hà Nội 1".into(),
        unit_code: "001".into(),
        road: String::new(),
        lat: None,
        lon: None,
    };
    admin::create_checkpoint(&app.state, &operator(), hn01).await.unwrap();
    let inside: String = sqlx::query_scalar(
        "SELECT p.document_number FROM registry_people p JOIN users u ON u.unit_code = p.current_commune
         WHERE u.username = 'commune.hd' ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    let inside_commune: String = sqlx::query_scalar(
        "SELECT current_commune FROM registry_people WHERE document_number = $1",
    )
    .bind(&inside)
    .fetch_one(&app.state.db.read)
    .await
    .unwrap();
    let outside = "001090004444";
    sqlx::query(
        "INSERT INTO registry_people (document_number, full_name, birth_date, sex,
             permanent_commune, current_commune, address)
         VALUES ($1, 'Trần Văn Hà', '1990-01-01', 'male', '00004', '00004', 'Số 1')",
    )
    .bind(outside)
    .execute(&app.state.db.write)
    .await
    .unwrap();
    let area = backend::areas::declare_area(
        &app.state,
        &operator(),
        backend::areas::NewAreaInput {
            unit_code: "10507".into(),
            level: "3".into(),
            valid_from: "2026-11-27".into(),
            valid_until: String::new(),
            note: "matrix".into(),
        },
    )
    .await
    .unwrap();
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'steering.hd'")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    let tree = app.state.units();
    let unit_of = |code: &str| domain::UnitCode::parse(code).unwrap();
    let hd01_unit: String =
        sqlx::query_scalar("SELECT unit_code FROM checkpoints WHERE code = 'HD01'")
            .fetch_one(&app.state.db.read)
            .await
            .unwrap();
    World {
        checkpoint: [("HD01".into(), unit_of(&hd01_unit)), ("HN01".into(), unit_of("001"))],
        person: [(inside, unit_of(&inside_commune)), (outside.into(), unit_of("00004"))],
        pass: pass_from(app, "030190000998", "00004").await,
        area_id: area,
        user_id,
        tree,
    }
}

const ROLES: [&str; 9] = [
    "admin",
    "national",
    "province.hd",
    "district.hd",
    "commune.hd",
    "chief.hd",
    "steering.hd",
    "officer.hd01",
    "entry.hd01",
];

pub async fn every_entry_point_serves_exactly_whom_can_allows(app: TestApp) {
    let app = app.with_demo().await;
    let world = world(&app).await;
    let matrix = entries();

    // Nothing the router or Leptos serves is missing from the matrix, and nothing in it is made up.
    let listed: BTreeSet<String> = matrix.iter().map(|e| e.name.to_owned()).collect();
    let served: BTreeSet<String> = zonepass::rest::entry_points()
        .into_iter()
        .map(|(method, path)| format!("{method} /api/v1{path}"))
        .chain(
            zonepass::forms::entry_points()
                .into_iter()
                .map(|(method, path)| format!("{method} {path}")),
        )
        .chain(server_functions())
        .collect();
    assert_eq!(
        served.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "entry points with no row in the matrix"
    );
    assert_eq!(
        listed.difference(&served).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "rows for entry points that do not exist"
    );

    let mut wrong = Vec::new();
    for role in ROLES {
        let token = app.token(role, DEMO_PASSWORD).await;
        let official: Official =
            accounts::authenticate(&app.state, &accounts::SessionToken::new(token.clone()))
                .await
                .unwrap();
        for entry in &matrix {
            // Logging out ends the session: once is all a caller can.
            let sides: &[Side] =
                if entry.name.ends_with("session") || entry.name.ends_with("logout") {
                    &[Side::Inside]
                } else {
                    &[Side::Inside, Side::Outside]
                };
            for &side in sides {
                let expected = match &entry.gate {
                    Gate::Public | Gate::SignedIn => true,
                    Gate::Can(allows) => allows(&official, side, &world),
                    Gate::System(action) => can(&official, *action, Target::System),
                };
                let call = (entry.call)(&world, side);
                let reply = send(&app, &call, Some(&token)).await;
                let unserved = reply.status == StatusCode::METHOD_NOT_ALLOWED;
                if refused(&call, &reply) == expected || reply.status.is_server_error() || unserved
                {
                    wrong.push(format!(
                        "{role} {:?} {}: expected {}, got {} {} {}",
                        side,
                        entry.name,
                        if expected { "served" } else { "refused" },
                        reply.status,
                        reply.location(),
                        reply.body.chars().take(120).collect::<String>()
                    ));
                }
            }
        }
    }
    for entry in &matrix {
        let call = (entry.call)(&world, Side::Inside);
        let reply = send(&app, &call, None).await;
        let expected = matches!(entry.gate, Gate::Public);
        if refused(&call, &reply) == expected || reply.status.is_server_error() {
            wrong.push(format!(
                "no account {}: expected {}, got {} {}",
                entry.name,
                if expected { "served" } else { "refused" },
                reply.status,
                reply.location()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
